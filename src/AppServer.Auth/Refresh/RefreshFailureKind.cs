namespace AppServer.Auth.Refresh;

/// <summary>
/// Why a refresh failed permanently (docs/codex-compatibility.md §3.1). Only permanent failures carry a reason, and
/// only they may be recorded as poison for the credential snapshot.
/// </summary>
internal enum RefreshFailureKind
{
    /// <summary><c>refresh_token_expired</c>.</summary>
    Expired,

    /// <summary><c>refresh_token_reused</c>: the single-use token was already spent.</summary>
    Exhausted,

    /// <summary><c>refresh_token_invalidated</c>.</summary>
    Revoked,

    /// <summary>Any other terminal answer, including a 401 with no recognisable code.</summary>
    Other,
}
