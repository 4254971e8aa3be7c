namespace AppServer.Auth.CrossProcess;

/// <summary>How quickly changes to <c>auth.json</c> by other processes are noticed.</summary>
internal sealed record AuthFileWatcherOptions
{
    /// <summary>Quiet time after the last event before reloading (an atomic save is several events).</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Interval of the stat-based fallback that catches changes the events miss.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);
}
