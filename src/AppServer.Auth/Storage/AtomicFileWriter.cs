using AppServer.Auth.Platform;

namespace AppServer.Auth.Storage;

/// <summary>
/// Replaces a file so that readers, and a crash at any point, see either the complete old content
/// or the complete new content (docs/failure-modes.md DISK-02..04). Upstream rewrites <c>auth.json</c> in
/// place (docs/codex-compatibility.md §1.3), which can leave it torn or empty.
/// </summary>
internal static class AtomicFileWriter
{
    /// <summary>The mode every written file ends up with on Unix: <c>0600</c>.</summary>
    public const UnixFileMode OwnerReadWrite = PrivateFileSystem.OwnerReadWrite;

    /// <summary>The mode of every folder a save creates on Unix: <c>0700</c>, so no one else can even list it.</summary>
    public const UnixFileMode OwnerOnlyFolder = PrivateFileSystem.OwnerAll;

    /// <summary>
    /// Writes <paramref name="content"/> to a unique temp file beside <paramref name="path"/>, fsyncs it,
    /// and renames it over <paramref name="path"/>. On Unix the result is always <c>0600</c>, whatever
    /// mode an earlier file had (DISK-07). The parent directory is created if needed.
    /// </summary>
    /// <exception cref="IOException">The write or the rename failed; <paramref name="path"/> is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory is not writable; <paramref name="path"/> is unchanged.</exception>
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        using var write = PreparedFileWrite.Create(path, preallocate: 0);
        write.Commit(content);
    }
}
