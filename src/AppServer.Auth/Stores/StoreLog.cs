using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Stores;

/// <summary>Log events of the credential stores. Arguments are locations and causes, never a secret.</summary>
internal static partial class StoreLog
{
    [LoggerMessage(EventId = 150, Level = LogLevel.Warning, Message = "Credentials in {Store} cannot be used: {Reason}; treating the user as logged out")]
    public static partial void KeyringUnusable(ILogger logger, string store, string reason);

    [LoggerMessage(EventId = 151, Level = LogLevel.Warning, Message = "Saved the credentials, but could not remove the old file {Path}: {Reason}")]
    public static partial void FallbackFileNotRemoved(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 152, Level = LogLevel.Warning, Message = "Failed to load CLI auth from the keyring, falling back to auth.json: {Reason}")]
    public static partial void AutoReadFallback(ILogger logger, string reason);

    [LoggerMessage(EventId = 153, Level = LogLevel.Warning, Message = "Failed to save auth to the keyring, falling back to auth.json: {Reason}")]
    public static partial void AutoSaveFallback(ILogger logger, string reason);

    [LoggerMessage(EventId = 154, Level = LogLevel.Information, Message = "Credential store: {Mode} ({Description})")]
    public static partial void Selected(ILogger logger, string mode, string description);
}
