namespace AppServer.Auth.Manager;

/// <summary>Timing rules of the AuthManager; defaults are the documented product behaviour.</summary>
internal sealed record AuthManagerOptions
{
    /// <summary>Refresh this long before the access token's <c>exp</c> (capped at half its lifetime).</summary>
    public TimeSpan ExpiryWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>With no parseable <c>exp</c>, tokens whose <c>last_refresh</c> is older than this are stale.</summary>
    public TimeSpan FallbackRefreshInterval { get; init; } = TimeSpan.FromDays(8);

    /// <summary>
    /// An explicit refresh request within this long after this process obtained new tokens is
    /// answered with those tokens: concurrent pollers share one rotation instead of queueing more.
    /// </summary>
    public TimeSpan RecentRefreshWindow { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After a refresh fails transiently, no new attempt for the same credentials before this (doubling per failure).</summary>
    public TimeSpan TransientCooldown { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Upper bound of the doubling transient cooldown.</summary>
    public TimeSpan MaxTransientCooldown { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a refresh waits for another process holding the refresh lock.</summary>
    public TimeSpan LockWaitTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Minimum gap between request-driven retries of a failed save of refreshed tokens, and the
    /// longest gap between the timer-driven ones.
    /// </summary>
    public TimeSpan SaveRetryInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The first timer-driven retry of a failed save comes this long after the failure; each later
    /// one waits twice as long, up to <see cref="SaveRetryInterval"/>.
    /// </summary>
    public TimeSpan FirstSaveRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest a caller waits for a refresh (lock wait, attempts and backoff together). A demand
    /// that runs out is answered with the cached token; the refresh itself goes on, and its result is
    /// still saved and adopted.
    /// </summary>
    public TimeSpan RefreshDemandTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
