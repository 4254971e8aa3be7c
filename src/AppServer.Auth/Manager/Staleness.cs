namespace AppServer.Auth.Manager;

/// <summary>
/// When managed ChatGPT tokens are due for a proactive refresh: within the pre-expiry window of the
/// access token's <c>exp</c> (judged on the issuer's clock when the skew is known), or, with no
/// <c>exp</c>, when <c>last_refresh</c> is older than 8 days (docs/codex-compatibility.md §2.3).
/// </summary>
internal static class Staleness
{
    public static bool IsStale(CredentialSnapshot snapshot, DateTimeOffset now, AuthManagerOptions options)
    {
        if (!snapshot.IsManagedChatGpt)
        {
            return false;
        }

        if (snapshot.AccessTokenExpiry is { } expiry)
        {
            return now - snapshot.ClockSkew >= expiry - WindowFor(snapshot, options);
        }

        return snapshot.Record!.LastRefresh is { } lastRefresh && now - lastRefresh > options.FallbackRefreshInterval;
    }

    /// <summary>
    /// The pre-expiry window, never more than half the token's lifetime: a 60 s token with a 5 min
    /// window would otherwise be stale the moment it arrives and be refreshed on every call.
    /// </summary>
    private static TimeSpan WindowFor(CredentialSnapshot snapshot, AuthManagerOptions options)
    {
        if (snapshot.AccessTokenIssuedAt is { } issuedAt && snapshot.AccessTokenExpiry is { } expiry && expiry > issuedAt)
        {
            var half = (expiry - issuedAt) / 2;
            return half < options.ExpiryWindow ? half : options.ExpiryWindow;
        }

        return options.ExpiryWindow;
    }
}
