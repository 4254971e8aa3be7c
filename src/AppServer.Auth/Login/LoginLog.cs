using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Login;

/// <summary>
/// Log lines of the login flows. Arguments are ids, ports, counts, statuses, flags and fixed or
/// scrubbed reasons; a code, state, verifier, device id, token, key, query string or URL with a
/// query is never an argument.
/// </summary>
internal static partial class LoginLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Browser login {LoginId} listening on 127.0.0.1:{Port}")]
    public static partial void BrowserLoginStarted(this ILogger logger, Guid loginId, int port);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Device-code login {LoginId} waiting for approval")]
    public static partial void DeviceLoginStarted(this ILogger logger, Guid loginId);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Login {LoginId} ended (success: {Succeeded})")]
    public static partial void LoginEnded(this ILogger logger, Guid loginId, bool succeeded);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Login {LoginId} cancelled because another sign-in started")]
    public static partial void LoginReplaced(this ILogger logger, Guid loginId);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "Login port 127.0.0.1:{Port} is busy (attempt {Attempt} of {MaxAttempts})")]
    public static partial void PortBusy(this ILogger logger, int port, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information, Message = "Asked the previous login server on port {Port} to stop")]
    public static partial void PreviousServerCancelled(this ILogger logger, int port);

    [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "Could not ask whatever holds port {Port} to stop ({Reason})")]
    public static partial void PreviousServerCancelFailed(this ILogger logger, int port, string reason);

    [LoggerMessage(EventId = 108, Level = LogLevel.Debug, Message = "Login server received a request for {Path}")]
    public static partial void RequestReceived(this ILogger logger, string path);

    [LoggerMessage(EventId = 109, Level = LogLevel.Information,
        Message = "Login callback received (code: {HasCode}, state: {HasState}, error: {HasError}, state valid: {StateValid})")]
    public static partial void CallbackReceived(this ILogger logger, bool hasCode, bool hasState, bool hasError, bool stateValid);

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "The issuer reported a sign-in error: {ErrorCode}")]
    public static partial void IssuerReportedError(this ILogger logger, string errorCode);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Authorization code exchange failed: {Reason}")]
    public static partial void CodeExchangeFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "The signed-in workspace is not the one this server is restricted to")]
    public static partial void WorkspaceRejected(this ILogger logger);

    [LoggerMessage(EventId = 113, Level = LogLevel.Information, Message = "API key exchange failed ({Reason}); continuing without an API key")]
    public static partial void ApiKeyExchangeFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 114, Level = LogLevel.Error, Message = "Signed in, but the credentials could not be saved ({Reason})")]
    public static partial void SaveFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 115, Level = LogLevel.Information, Message = "Saved the new ChatGPT credentials (API key included: {ApiKeyIncluded})")]
    public static partial void CredentialsSaved(this ILogger logger, bool apiKeyIncluded);

    [LoggerMessage(EventId = 116, Level = LogLevel.Information, Message = "Device code requested: {Outcome}")]
    public static partial void DeviceCodeRequested(this ILogger logger, string outcome);

    [LoggerMessage(EventId = 117, Level = LogLevel.Debug, Message = "Device code not approved yet (poll {Poll})")]
    public static partial void DevicePollPending(this ILogger logger, int poll);

    [LoggerMessage(EventId = 118, Level = LogLevel.Warning, Message = "Device code poll failed: {Reason}")]
    public static partial void DevicePollFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 119, Level = LogLevel.Debug, Message = "Login server connection failed: {Reason}")]
    public static partial void ConnectionFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 120, Level = LogLevel.Error, Message = "Login server request handler failed: {ExceptionType}")]
    public static partial void RequestHandlerFailed(this ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 121, Level = LogLevel.Error, Message = "A login completion handler for {LoginId} failed: {ExceptionType}")]
    public static partial void CompletionHandlerFailed(this ILogger logger, Guid loginId, string exceptionType);
}
