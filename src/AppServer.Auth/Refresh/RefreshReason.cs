namespace AppServer.Auth.Refresh;

/// <summary>
/// Why a refresh is made, sent as <c>refresh_reason</c> in the request body as Codex sends it, so
/// the issuer can tell a client that was refused (and is recovering) from one that was only asked.
/// </summary>
internal enum RefreshReason
{
    /// <summary>An explicit request (<c>refreshToken: true</c>).</summary>
    Forced,

    /// <summary>The access token is stale (near its <c>exp</c>, or old without one).</summary>
    ProactiveExpiry,

    /// <summary>The API refused the access token and the client named it as rejected.</summary>
    UnauthorizedRecovery,
}

internal static class RefreshReasonWire
{
    public static string ToWire(this RefreshReason reason) => reason switch
    {
        RefreshReason.Forced => "forced",
        RefreshReason.ProactiveExpiry => "proactive_expiry",
        RefreshReason.UnauthorizedRecovery => "unauthorized_recovery",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };
}
