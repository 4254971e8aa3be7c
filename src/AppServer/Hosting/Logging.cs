using Microsoft.Extensions.Logging;

namespace AppServer.Hosting;

/// <summary>Logs go to stderr only; stdout belongs to the protocol.</summary>
internal static class Logging
{
    public const string LevelVariable = "APPSERVER_LOG";

    public static ILoggerFactory CreateFactory(LogLevel minimumLevel) => new StderrLoggerFactory(Console.Error, minimumLevel);

    /// <summary>Parses a level name (trace, debug, info, warn, error, critical, none).</summary>
    public static bool TryParseLevel(string? text, out LogLevel level)
    {
        level = LogLevel.Warning;
        switch (text?.Trim().ToUpperInvariant())
        {
            case null or "":
                return true;
            case "TRACE":
                level = LogLevel.Trace;
                return true;
            case "DEBUG":
                level = LogLevel.Debug;
                return true;
            case "INFO" or "INFORMATION":
                level = LogLevel.Information;
                return true;
            case "WARN" or "WARNING":
                level = LogLevel.Warning;
                return true;
            case "ERROR":
                level = LogLevel.Error;
                return true;
            case "CRITICAL":
                level = LogLevel.Critical;
                return true;
            case "NONE" or "OFF":
                level = LogLevel.None;
                return true;
            default:
                return false;
        }
    }
}
