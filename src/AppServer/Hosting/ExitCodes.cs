namespace AppServer.Hosting;

/// <summary>Process exit codes, documented in the README.</summary>
internal static class ExitCodes
{
    /// <summary>Normal end: stdin closed, a stop signal, or the parent exited.</summary>
    public const int Success = 0;

    /// <summary>The connection failed (a stream error) or a command failed.</summary>
    public const int ConnectionFailed = 1;

    /// <summary>Bad command-line usage.</summary>
    public const int Usage = 2;
}
