using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Config;

/// <summary>Log events of <see cref="CodexConfigReader"/>. A configuration file holds no secret this server reads, but lines are quoted by position only.</summary>
internal static partial class CodexConfigLog
{
    [LoggerMessage(
        EventId = 140,
        Level = LogLevel.Warning,
        Message = "{Path}:{Line}: {Problem}; using the default settings for the whole file")]
    public static partial void Unparsable(ILogger logger, string path, int line, string problem);

    [LoggerMessage(
        EventId = 141,
        Level = LogLevel.Warning,
        Message = "{Path}:{Line}: {Problem}; using the default for this setting")]
    public static partial void BadValue(ILogger logger, string path, int line, string problem);

    [LoggerMessage(
        EventId = 142,
        Level = LogLevel.Warning,
        Message = "{Path} cannot be read ({Reason}); using the default settings")]
    public static partial void Unreadable(ILogger logger, string path, string reason);
}
