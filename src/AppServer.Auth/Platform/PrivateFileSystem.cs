namespace AppServer.Auth.Platform;

/// <summary>
/// Files and folders that only the current user can read: mode <c>0600</c> / <c>0700</c> on Unix,
/// an access list holding the current user alone (no inherited entries) on Windows. Both are set as
/// the file or folder is created, so there is no moment in which a secret is readable by others.
/// </summary>
internal static class PrivateFileSystem
{
    public const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode OwnerAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Creates a new file (never opens an existing one) that only the current user can read, with
    /// <paramref name="preallocationSize"/> bytes reserved for what will be written into it.
    /// </summary>
    /// <exception cref="IOException">The file exists, could not be created, or the space could not be reserved.</exception>
    public static FileStream CreateNew(string path, long preallocationSize = 0)
    {
        if (OperatingSystem.IsWindows())
        {
            var windowsStream = WindowsOwnerOnlyAcl.CreateFile(path);
            try
            {
                // Setting the length allocates the clusters on NTFS, so a full disk is found now; the
                // writer cuts the file to what it wrote.
                windowsStream.SetLength(preallocationSize);
                return windowsStream;
            }
            catch
            {
                windowsStream.Dispose();
                File.Delete(path);
                throw;
            }
        }

        var stream = new FileStream(path, new FileStreamOptions
        {
            // CreateNew: never open (and later delete) a file that some other writer owns.
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0,
            UnixCreateMode = OwnerReadWrite,
            PreallocationSize = preallocationSize,
        });

        try
        {
            // The create mode is filtered by the umask; fchmod makes it exactly 0600 before any byte is written.
            File.SetUnixFileMode(stream.SafeFileHandle, OwnerReadWrite);
            return stream;
        }
        catch
        {
            stream.Dispose();
            File.Delete(path);
            throw;
        }
    }

    /// <summary>
    /// Creates <paramref name="path"/> if missing, private (parents above it keep the default, as with
    /// <c>mkdir -p -m 700</c>); an existing folder keeps the mode its owner chose.
    /// </summary>
    public static void CreateDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            WindowsOwnerOnlyAcl.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerAll);
        }
    }
}
