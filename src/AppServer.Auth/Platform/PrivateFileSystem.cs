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

    /// <summary>Creates a new file (never opens an existing one) that only the current user can read.</summary>
    /// <exception cref="IOException">The file exists or could not be created.</exception>
    public static FileStream CreateNew(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return WindowsOwnerOnlyAcl.CreateFile(path);
        }

        var stream = new FileStream(path, new FileStreamOptions
        {
            // CreateNew: never open (and later delete) a file that some other writer owns.
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0,
            UnixCreateMode = OwnerReadWrite,
        });

        // The create mode is filtered by the umask; fchmod makes it exactly 0600 before any byte is written.
        File.SetUnixFileMode(stream.SafeFileHandle, OwnerReadWrite);
        return stream;
    }

    /// <summary>Creates <paramref name="path"/> (and its parents) if missing; a folder it creates is private.</summary>
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
