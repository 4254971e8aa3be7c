using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Keyring.SecretService;

/// <summary>Log events of <see cref="SecretServiceKeyring"/>. Arguments are operations and causes, never secrets.</summary>
internal static partial class SecretServiceLog
{
    [LoggerMessage(
        EventId = 1,
        Level = LogLevel.Debug,
        Message = "Secret Service {Operation} failed: {Cause}")]
    public static partial void OperationFailed(ILogger logger, string operation, string cause);
}
