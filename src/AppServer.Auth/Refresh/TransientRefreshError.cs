namespace AppServer.Auth.Refresh;

/// <summary>
/// A failure that says nothing about the refresh token itself (network, timeout, 5xx, 429, an
/// unusable 2xx, …). It must never poison the snapshot or log the user out.
/// </summary>
/// <param name="Message">Scrubbed, truncated description; safe to show and log.</param>
/// <param name="StatusCode">The HTTP status, or <see langword="null"/> when no response arrived.</param>
/// <param name="RetryAfter">
/// The server's <c>Retry-After</c>, relative to the time the response arrived; callers use it to
/// hold off the next refresh when it was too long to wait inside the call.
/// </param>
internal sealed record TransientRefreshError(string Message, int? StatusCode, TimeSpan? RetryAfter) : RefreshError(Message);
