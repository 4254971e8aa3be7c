using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace AppServer.Auth.Storage;

/// <summary>
/// Opens a file for reading only if it is a regular file, and never blocks doing so. A plain
/// <c>open(2)</c> of a FIFO waits for a writer forever, which would wedge every request behind the
/// read; here the open is non-blocking and the file type is checked on the open descriptor (no
/// window between a check and the open).
/// </summary>
internal static partial class RegularFileOpener
{
    /// <summary>
    /// Opens <paramref name="path"/> (following symlinks) for reading. Returns null with
    /// <paramref name="notRegular"/> naming the kind when it is not a regular file (a FIFO, socket or device).
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="DirectoryNotFoundException">A directory on the path is missing.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission denied.</exception>
    /// <exception cref="IOException">Any other failure to open.</exception>
    public static SafeFileHandle? OpenForRead(string path, out string? notRegular)
    {
        notRegular = null;
        if (OperatingSystem.IsWindows())
        {
            // No FIFOs in the Windows file namespace (named pipes live under \\.\pipe\).
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }

        int fd = Open(path, ReadOnlyNonBlocking());
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == Enxio)
            {
                // A socket (or a device with nothing behind it) cannot be opened for reading at all.
                notRegular = "a socket or device";
                return null;
            }

            throw ErrnoException(errno, path);
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        notRegular = FileKind(handle);
        if (notRegular is not null)
        {
            handle.Dispose();
            return null;
        }

        return handle;
    }

    /// <summary>Null for a regular file, otherwise what it is.</summary>
    private static string? FileKind(SafeFileHandle handle)
    {
        if (OperatingSystem.IsLinux())
        {
            // statx's layout is the same on every Linux architecture (unlike struct stat).
            byte[] buffer = new byte[StatxSize];
            if (Statx(handle, string.Empty, AtEmptyPath, StatxType, buffer) != 0)
            {
                return null; // Unknown: let the read report what is wrong.
            }

            int mode = BitConverter.ToUInt16(buffer, StatxModeOffset) & SIfMt;
            return mode switch
            {
                SIfReg => null,
                SIfIfo => "a FIFO",
                SIfSock => "a socket",
                SIfChr => "a character device",
                SIfBlk => "a block device",
                SIfDir => "a directory",
                _ => "not a regular file",
            };
        }

        // Other Unix systems (built, not run here): a pipe or socket cannot seek.
        return Lseek(handle, 0, SeekEnd) < 0 && Marshal.GetLastPInvokeError() == Espipe ? "a FIFO or socket" : null;
    }

    private static Exception ErrnoException(int errno, string path)
    {
        string message = $"{Marshal.GetPInvokeErrorMessage(errno)} : '{path}'";
        return errno switch
        {
            Enoent => new FileNotFoundException(message, path),
            Enotdir => new DirectoryNotFoundException(message),
            Eacces or Eperm => new UnauthorizedAccessException(message),
            _ => new IOException(message, errno),
        };
    }

    private static int ReadOnlyNonBlocking() =>
        OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD() ? MacNonBlock | MacCloExec : LinuxNonBlock | LinuxCloExec | LinuxNoCtty;

    private const int Eperm = 1;
    private const int Enoent = 2;
    private const int Enxio = 6;
    private const int Eacces = 13;
    private const int Enotdir = 20;
    private const int Espipe = 29;

    private const int LinuxNonBlock = 0x800;
    private const int LinuxNoCtty = 0x100;
    private const int LinuxCloExec = 0x80000;
    private const int MacNonBlock = 0x4;
    private const int MacCloExec = 0x1000000;

    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const int StatxSize = 256;
    private const int StatxModeOffset = 28;
    private const int SIfMt = 0xF000;
    private const int SIfIfo = 0x1000;
    private const int SIfChr = 0x2000;
    private const int SIfDir = 0x4000;
    private const int SIfBlk = 0x6000;
    private const int SIfReg = 0x8000;
    private const int SIfSock = 0xC000;
    private const int SeekEnd = 2;

    // open(2) is variadic; without O_CREAT the mode argument is not read, so the two-argument form is safe.
    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(SafeFileHandle dirfd, string path, int flags, uint mask, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static partial long Lseek(SafeFileHandle fd, long offset, int whence);
}
