using System.Diagnostics;
using AppServer.Hosting;
using Microsoft.Extensions.Logging;

namespace AppServer.Rpc;

/// <summary>
/// Routes StreamJsonRpc's TraceSource into the logger. Only Warning and above are enabled, because
/// Verbose events carry whole messages (tokens and API keys included). Its warnings and errors
/// repeat what this server logs itself (an unknown method, a failed request), so they are logged at
/// Debug; only Critical (a broken connection) keeps its level. The text quotes client values
/// (method names, ids, messages of errors about them), so it is escaped like any of them.
/// </summary>
internal static class RpcTrace
{
    public static TraceSource Create(ILogger logger)
    {
        var source = new TraceSource("JsonRpc", SourceLevels.Warning);
        source.Listeners.Clear();
        source.Listeners.Add(new LoggerTraceListener(logger));
        return source;
    }

    private sealed class LoggerTraceListener(ILogger logger) : TraceListener
    {
        public override void TraceEvent(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, string? message) =>
            Log(eventType, message);

        public override void TraceEvent(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, string? format, params object?[]? args) =>
            Log(eventType, args is null ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format ?? string.Empty, args));

        public override void Write(string? message)
        {
        }

        public override void WriteLine(string? message)
        {
        }

        private void Log(TraceEventType eventType, string? message)
        {
            var level = eventType switch
            {
                TraceEventType.Critical => LogLevel.Critical,
                _ => LogLevel.Debug,
            };
#pragma warning disable CA1848, CA2254 // Free-form text from a third-party trace source; no fixed template exists.
            logger.Log(level, "JsonRpc: {Message}", ClientText.Escape((message ?? string.Empty).ReplaceLineEndings(" ")));
#pragma warning restore CA1848, CA2254
        }
    }
}
