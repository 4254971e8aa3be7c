using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Manager;

/// <summary>Log messages of the AuthManager. None carries a token, key or code; tokens are named by fingerprint prefix at most.</summary>
internal static partial class AuthManagerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed ChatGPT tokens (attempts: {Attempts})")]
    public static partial void Refreshed(ILogger logger, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another process already refreshed the tokens; adopted them from auth.json without a network call")]
    public static partial void AdoptedFromDisk(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token refresh failed permanently ({Reason}): {Message}")]
    public static partial void PermanentFailure(ILogger logger, string reason, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed to refresh token: {Message}; no new attempt before {Until:O}")]
    public static partial void TransientFailure(ILogger logger, string message, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Warning, Message = "auth.json now holds a different account; not adopting it inside a refresh")]
    public static partial void AccountMismatch(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another process held the refresh lock for {Seconds} s; not refreshing unguarded")]
    public static partial void LockTimeout(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshed tokens could not be saved ({Error}); keeping them in memory and retrying the save later")]
    public static partial void SaveFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retrying the save of refreshed tokens failed ({Error}); still keeping them in memory")]
    public static partial void SaveRetryFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Saved refreshed tokens that an earlier save could not write")]
    public static partial void SaveRecovered(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The refresh response's id_token is not a JWT; kept the previous id_token and applied the new tokens")]
    public static partial void IdTokenRejected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "The credentials changed while a refresh was in flight; its result was discarded")]
    public static partial void RefreshSuperseded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refresh token is recorded as dead ({Reason}) by an earlier run; not calling the token endpoint")]
    public static partial void PersistedFailureApplied(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update the refresh status file: {Error}")]
    public static partial void StatusFileFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A client reports that the API rejected the stored API key; a new login is needed")]
    public static partial void ApiKeyRejected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another process recorded the refresh token as dead ({Reason}); not calling the token endpoint")]
    public static partial void PeerFailureApplied(ILogger logger, string reason);
}
