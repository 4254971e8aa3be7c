namespace AppServer.Auth.Manager;

/// <summary>A short, true reason a save cannot happen, for logs and error messages (never file content).</summary>
internal static class SaveFailureReason
{
    // .NET reports an errno it has no exception type for as IOException.HResult (Unix only).
    private const int Enospc = 28;
    private const int Erofs = 30;
    private const int Edquot = 122;

    // What .NET throws when fallocate finds no room (the preallocation of a temp file).
    private const int CorEIo = unchecked((int)0x80131620);

    public static string Describe(Exception exception) => exception switch
    {
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException => "the directory does not exist",
        IOException { HResult: Erofs } => "read-only file system",
        IOException { HResult: Enospc or Edquot } => "no space left on device",
        IOException { HResult: CorEIo } io when io.Message.Contains("disk was full", StringComparison.Ordinal) => "no space left on device",
        IOException { HResult: CorEIo } io when io.Message.Contains("too large", StringComparison.Ordinal) => "file size limit exceeded",
        _ => exception.Message,
    };
}
