namespace AppServer.Auth.CrossProcess;

/// <summary>Tells "this lock file cannot exist here" apart from "another process holds it".</summary>
internal static class LockFileErrors
{
    // .NET reports an errno it has no exception type for as IOException.HResult (Unix only).
    private const int Erofs = 30;
    private const int Enospc = 28;
    private const int Edquot = 122;

    /// <summary>
    /// True when opening (creating) a lock file failed for a reason no waiting can fix: a read-only
    /// file system, no permission, a missing directory, a full disk. A held lock is an
    /// <see cref="IOException"/> with <c>EWOULDBLOCK</c> and is not one of these.
    /// </summary>
    public static bool CannotExist(Exception exception) => exception switch
    {
        UnauthorizedAccessException or DirectoryNotFoundException => true,
        IOException io when !OperatingSystem.IsWindows() => io.HResult is Erofs or Enospc or Edquot,
        _ => false,
    };

    /// <summary>A short, true description of why the lock file cannot exist.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException => "the directory does not exist",
        IOException { HResult: Erofs } => "read-only file system",
        IOException { HResult: Enospc or Edquot } => "no space left on device",
        _ => exception.GetType().Name,
    };
}
