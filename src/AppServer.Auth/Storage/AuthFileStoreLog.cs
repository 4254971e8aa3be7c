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

    [LoggerMessage(
        EventId = 2,
        Level = LogLevel.Warning,
        Message = "Credential file {Path} could not be used, so before replacing it its bytes were kept in {BackupPath} (mode 0600)")]
    public static partial void CorruptFileKept(ILogger logger, string path, string backupPath);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Removed {Count} temp file(s) left beside {Path} by writers that no longer run")]
    public static partial void StaleTempFilesRemoved(ILogger logger, int count, string path);
}
