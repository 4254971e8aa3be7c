using System.Security.Cryptography;

namespace AppServer.Auth.Storage;

/// <summary>
/// Replaces a file so that readers, and a crash at any point, see either the complete old content
/// or the complete new content (failure-modes DISK-02..04). Upstream rewrites <c>auth.json</c> in
/// place (contract §1.3), which can leave it torn or empty.
/// </summary>
internal static class AtomicFileWriter
{
    /// <summary>The mode every written file ends up with on Unix: <c>0600</c>.</summary>
    public const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The mode of every folder a save creates on Unix: <c>0700</c>, so no one else can even list it.</summary>
    public const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Writes <paramref name="content"/> to a unique temp file beside <paramref name="path"/>, fsyncs it,
    /// and renames it over <paramref name="path"/>. On Unix the result is always <c>0600</c>, whatever
    /// mode an earlier file had (DISK-07). The parent directory is created if needed.
    /// </summary>
    /// <exception cref="IOException">The write or the rename failed; <paramref name="path"/> is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory is not writable; <paramref name="path"/> is unchanged.</exception>
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException("The path has no parent directory.", nameof(path));
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            // The folder that holds the file gets the mode when it is created here (parents above it keep
            // the default, as with mkdir -p -m); an existing CODEX_HOME keeps the user's choice.
            Directory.CreateDirectory(directory, OwnerOnlyFolder);
        }

        // Unique per process and per call, so concurrent writers (threads or processes) never share
        // a temp file, and a failed writer's cleanup can only ever delete its own (DISK-03).
        string tempPath = Path.Combine(
            directory,
            $".{Path.GetFileName(fullPath)}.{Environment.ProcessId}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp");

        bool created = false;
        try
        {
            using (FileStream stream = new(tempPath, CreateOptions()))
            {
                created = true;
                if (!OperatingSystem.IsWindows())
                {
                    // The create mode is filtered by the umask; fchmod makes it exactly 0600, and does
                    // so before any secret is written.
                    File.SetUnixFileMode(stream.SafeFileHandle, OwnerReadWrite);
                }

                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            // rename(2) over the target: atomic on one file system, which the shared directory guarantees.
            File.Move(tempPath, fullPath, overwrite: true);
        }
        catch
        {
            if (created)
            {
                TryDelete(tempPath);
            }

            throw;
        }

        // The directory entry itself is not fsynced: .NET cannot open a directory handle, and a lost
        // rename after power failure leaves the complete old file, which is still consistent.
    }

    private static FileStreamOptions CreateOptions()
    {
        // CreateNew: never open (and later delete) a file that some other writer owns.
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            // Born private: no window in which the temp file is readable by others.
            options.UnixCreateMode = OwnerReadWrite;
        }

        return options;
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
