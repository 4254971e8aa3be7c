namespace AppServer.Auth.Refresh;

/// <summary>
/// User-facing refresh messages. IDE clients show these verbatim and some match on them, so the
/// wording is part of the compatibility docs/codex-compatibility.md (§3.3, §3.4) and must not be edited.
/// </summary>
internal static class RefreshMessages
{
    public const string Expired =
        "Your access token could not be refreshed because your refresh token has expired. Please log out and sign in again.";

    public const string Exhausted =
        "Your access token could not be refreshed because your refresh token was already used. Please log out and sign in again.";

    public const string Revoked =
        "Your access token could not be refreshed because your refresh token was revoked. Please log out and sign in again.";

    public const string Other =
        "Your access token could not be refreshed. Please log out and sign in again.";

    public const string AccountMismatch =
        "Your access token could not be refreshed because you have since logged out or signed in to another account. Please sign in again.";

    public const string TokenDataUnavailable = "Token data is not available.";

    /// <summary>The message shown for a permanent failure with the given reason.</summary>
    public static string For(RefreshFailureKind reason) => reason switch
    {
        RefreshFailureKind.Expired => Expired,
        RefreshFailureKind.Exhausted => Exhausted,
        RefreshFailureKind.Revoked => Revoked,
        RefreshFailureKind.Other => Other,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>
    /// The transient message for a non-2xx answer (docs/codex-compatibility.md §3.2). <paramref name="message"/> must
    /// already be scrubbed of secrets.
    /// </summary>
    public static string TransientHttp(int status, string message) => $"Failed to refresh token: {status}: {message}";
}
