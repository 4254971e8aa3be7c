using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Storage;

/// <summary>Log events of <see cref="AuthFileStore"/>. Arguments are paths and safe reasons, never file content.</summary>
internal static partial class AuthFileStoreLog
{
    [LoggerMessage(
        EventId = 1,
        Level = LogLevel.Warning,
        Message = "Credential file {Path} cannot be used ({Reason}); treating the user as logged out. The file is left untouched.")]
    public static partial void CorruptFile(ILogger logger, string path, string reason);
}
