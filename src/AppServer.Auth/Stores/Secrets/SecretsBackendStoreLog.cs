using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Stores.Secrets;

/// <summary>Log events of <see cref="SecretsBackendStore"/>. Arguments are paths and safe reasons, never secrets.</summary>
internal static partial class SecretsBackendStoreLog
{
    [LoggerMessage(
        EventId = 1,
        Level = LogLevel.Warning,
        Message = "Encrypted credentials {Path} cannot be used ({Reason}); treating the user as logged out. The file is left untouched and will not be overwritten.")]
    public static partial void Unusable(ILogger logger, string path, string reason);

    [LoggerMessage(
        EventId = 2,
        Level = LogLevel.Warning,
        Message = "Could not remove {Path} after saving the encrypted credentials: {Reason}")]
    public static partial void FallbackFileNotRemoved(ILogger logger, string path, string reason);
}
