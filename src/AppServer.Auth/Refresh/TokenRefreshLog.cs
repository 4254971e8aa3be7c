using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Refresh;

/// <summary>
/// Log lines of the refresh client. Arguments are statuses, counts, reasons and already-scrubbed
/// messages only; a token, a token prefix or a request body is never an argument.
/// </summary>
internal static partial class TokenRefreshLog
{
    // The failure message already names the status or the network failure kind, and is scrubbed.
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Token refresh attempt {Attempt} of {MaxAttempts} failed: {FailureMessage}")]
    public static partial void AttemptFailed(this ILogger logger, int attempt, int maxAttempts, string failureMessage);

    // The exact upstream wording (docs/codex-compatibility.md §3.3); it is the one line logged for a 401 that names
    // no known code.
    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Encountered unknown 401 response while refreshing token")]
    public static partial void UnknownUnauthorized(this ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "Token refresh failed permanently on attempt {Attempt}: {Reason} (status {StatusCode})")]
    public static partial void PermanentFailure(this ILogger logger, int attempt, RefreshFailureKind reason, int statusCode);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "Token refresh not attempted: the stored refresh token is empty")]
    public static partial void EmptyRefreshToken(this ILogger logger);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "Token refresh not attempted: the token endpoint is not an absolute http(s) URL (check " + TokenRefreshOptions.TokenEndpointOverrideVariable + ")")]
    public static partial void InvalidTokenEndpoint(this ILogger logger);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information,
        Message = "Token endpoint asked to retry after {RetryAfter}, longer than the in-call limit {Limit}; leaving the retry to the caller")]
    public static partial void RetryAfterTooLong(this ILogger logger, TimeSpan retryAfter, TimeSpan limit);
}
