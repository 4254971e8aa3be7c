namespace AppServer.Auth.Refresh;

/// <summary>
/// The token endpoint rejected the refresh token for good. Retrying with the same token cannot
/// succeed, so callers may record this as poison for the credential snapshot (docs/codex-compatibility.md §4).
/// </summary>
/// <param name="Reason">Why; drives <paramref name="Message"/>.</param>
/// <param name="Message">The exact user-facing message from <see cref="RefreshMessages"/>.</param>
internal sealed record PermanentRefreshError(RefreshFailureKind Reason, string Message) : RefreshError(Message);
