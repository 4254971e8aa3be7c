using System.Security.Cryptography;
using AppServer.Auth.Platform;

namespace AppServer.Auth.Storage;

/// <summary>
/// The temp file of one atomic replacement, created (and optionally preallocated) before the content
/// is known. Creating it first is what lets a caller find out that the disk is full or the directory
/// read-only before doing something that cannot be undone, such as spending a single-use refresh
/// token. <see cref="Commit"/> writes, truncates, fsyncs and renames; disposing without a commit
/// deletes the temp file.
/// </summary>
internal sealed class PreparedFileWrite : IDisposable
{
    private readonly FileStream _stream;
    private bool _done;

    private PreparedFileWrite(string targetPath, string tempPath, FileStream stream)
    {
        TargetPath = targetPath;
        TempPath = tempPath;
        _stream = stream;
    }

    /// <summary>The file the commit replaces (a symlink's final target, never the link itself).</summary>
    public string TargetPath { get; }

    public string TempPath { get; }

    /// <summary>
    /// Creates the temp file beside <paramref name="targetPath"/>, <c>0600</c> from birth, with
    /// <paramref name="preallocate"/> bytes reserved (fallocate on Linux), so a later write of up to
    /// that size cannot fail for lack of space.
    /// </summary>
    /// <exception cref="IOException">The file could not be created or the space not reserved (a full disk, a read-only file system).</exception>
    /// <exception cref="UnauthorizedAccessException">The directory is not writable.</exception>
    public static PreparedFileWrite Create(string targetPath, long preallocate)
    {
        string fullPath = Path.GetFullPath(targetPath);
        string directory = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException("The path has no parent directory.", nameof(targetPath));
        PrivateFileSystem.CreateDirectory(directory);

        // Unique per process and per call, so concurrent writers (threads or processes) never share
        // a temp file, and a failed writer's cleanup can only ever delete its own (DISK-03). The pid
        // in the name lets a later writer remove the leftovers of a killed one (StaleTempFiles).
        string tempPath = Path.Combine(directory, StaleTempFiles.NameFor(Path.GetFileName(fullPath), Environment.ProcessId, RandomNumberGenerator.GetBytes(8)));

        // CreateNew: never open (and later delete) a file that some other writer owns; born private,
        // so there is no moment in which the temp file is readable by others. A failed preallocation
        // throws and leaves no file behind.
        var stream = PrivateFileSystem.CreateNew(tempPath, preallocate);
        return new PreparedFileWrite(fullPath, tempPath, stream);
    }

    /// <summary>
    /// Writes <paramref name="content"/> into the temp file, cuts it to that length, fsyncs it, and
    /// renames it over <see cref="TargetPath"/>. Either way the temp file is gone afterwards.
    /// </summary>
    /// <exception cref="IOException">The write or the rename failed; the target is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">The rename was refused; the target is unchanged.</exception>
    public void Commit(ReadOnlySpan<byte> content) => Commit(content, beforeRename: null);

    /// <param name="content">The new content.</param>
    /// <param name="beforeRename">Runs after the data is durable and right before the rename (to take a lock, back up the old file).</param>
    public void Commit(ReadOnlySpan<byte> content, Func<IDisposable?>? beforeRename)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        _done = true;
        try
        {
            _stream.Position = 0;
            _stream.Write(content);
            _stream.SetLength(content.Length);
            _stream.Flush(flushToDisk: true);
            _stream.Dispose();

            using (beforeRename?.Invoke())
            {
                // rename(2) over the target: atomic on one file system, which the shared directory
                // guarantees (on Windows, retried while another process holds the target open).
                FileReplace.Replace(TempPath, TargetPath);
            }
        }
        catch
        {
            _stream.Dispose();
            TryDelete(TempPath);
            throw;
        }

        // The directory entry itself is not fsynced: .NET cannot open a directory handle, and a lost
        // rename after power failure leaves the complete old file, which is still consistent.
    }

    /// <summary>Releases the reserved space: the temp file is deleted unless it was committed.</summary>
    public void Dispose()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        _stream.Dispose();
        TryDelete(TempPath);
    }

    private static void TryDelete(string tempPath)
    {
        try
        {
            File.Delete(tempPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the original failure is the one worth reporting.
        }
    }
}
