namespace AppServer.Auth.Platform;

/// <summary>
/// Renames a finished temp file over its target. On Unix <c>rename(2)</c> replaces a file that other
/// processes hold open (they keep reading the old content). On Windows the replace fails with a
/// sharing violation while another process (the Codex CLI, an editor, an antivirus scanner) has the
/// target open without delete sharing, so it is retried for a short, bounded time.
/// </summary>
internal static class FileReplace
{
    /// <summary>How many times a sharing violation is retried before the replace gives up.</summary>
    public const int MaxAttempts = 10;

    private static readonly TimeSpan s_firstDelay = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan s_maxDelay = TimeSpan.FromMilliseconds(250);

    // Win32 error codes carried in the low word of the HRESULT of the exception .NET throws.
    private const int ErrorAccessDenied = 5;
    private const int ErrorSharingViolation = 32;
    private const int ErrorLockViolation = 33;

    /// <summary>Moves <paramref name="source"/> over <paramref name="destination"/>.</summary>
    /// <exception cref="IOException">The replace failed (after the bounded retries on Windows); the target is unchanged.</exception>
    public static void Replace(string source, string destination) =>
        Replace(source, destination, static (s, d) => File.Move(s, d, overwrite: true), Thread.Sleep, OperatingSystem.IsWindows());

    /// <summary>The retry policy, with the move and the wait injected so it can be tested on any OS.</summary>
    internal static void Replace(string source, string destination, Action<string, string> move, Action<TimeSpan> wait, bool retrySharingViolations)
    {
        var delay = s_firstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                move(source, destination);
                return;
            }
            catch (Exception ex) when (retrySharingViolations && attempt < MaxAttempts && IsSharingViolation(ex))
            {
                wait(delay);
                delay = delay * 2 < s_maxDelay ? delay * 2 : s_maxDelay;
            }
        }
    }

    /// <summary>
    /// True for the errors Windows reports while another process holds the target open: a sharing or
    /// lock violation, or "access denied" (what MoveFileEx answers for a file open without delete sharing).
    /// </summary>
    internal static bool IsSharingViolation(Exception exception) => exception switch
    {
        UnauthorizedAccessException => true,
        IOException io => (io.HResult & 0xFFFF) is ErrorSharingViolation or ErrorLockViolation or ErrorAccessDenied,
        _ => false,
    };
}
