using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Revoke;

/// <summary>Log lines of the revoke. Arguments are hints, hosts, statuses and scrubbed details; never a token.</summary>
internal static partial class RevokeLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Revoked the old {TokenTypeHint} at {Host} ({Detail})")]
    public static partial void Revoked(this ILogger logger, string tokenTypeHint, string host, string detail);

    // A warning, not an error: the local logout is complete whatever the issuer said.
    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Could not revoke the old {TokenTypeHint} at {Host}: {Detail}; the local credentials are removed regardless")]
    public static partial void RevokeFailed(this ILogger logger, string tokenTypeHint, string host, string detail);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Token revocation still running at shutdown after {Bound}; leaving it")]
    public static partial void AbandonedAtShutdown(this ILogger logger, TimeSpan bound);
}
