using System.Globalization;
using Microsoft.Extensions.Logging;

namespace AppServer.Hosting;

/// <summary>
/// Writes log lines at or above one level to stderr, one per entry. The console logger would do the
/// same through a DI container, options monitors and a queue thread, and Microsoft.Extensions.Logging's
/// own <c>LoggerFactory</c> looks up provider aliases by reflection for every logger it makes: both
/// cost milliseconds on every start of a process an IDE spawns per window. This does only what is needed.
/// </summary>
internal sealed class StderrLoggerFactory(TextWriter stderr, LogLevel minimumLevel) : ILoggerFactory
{
    private readonly Lock _gate = new();
    private readonly LogLevel _minimumLevel = minimumLevel;

    public ILogger CreateLogger(string categoryName) => new StderrLogger(this, categoryName);

    /// <summary>Stderr is the only destination the protocol allows; there is nothing to add.</summary>
    public void AddProvider(ILoggerProvider provider) =>
        throw new NotSupportedException("The server logs to stderr only.");

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            stderr.WriteLine(line);
        }
    }

    private sealed class StderrLogger(StderrLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= owner._minimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var time = DateTime.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
            var text = formatter(state, exception);
            // One line per entry, so a reader (or a test) can take stderr line by line; no control
            // character reaches the terminal, whichever call site forgot a client value.
            var line = $"{time} {Short(logLevel)}: {category}: {text}{(exception is null ? string.Empty : " " + exception)}".ReplaceLineEndings(" ");
            owner.Write(ClientText.Escape(line));
        }

        private static string Short(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
    }
}
