using System.Globalization;
using Microsoft.Extensions.Logging;

namespace AppServer.Hosting;

/// <summary>
/// Writes log lines to stderr, one per entry. The console logger would do the same through a DI
/// container, options monitors and a queue thread, which cost milliseconds on every start of a
/// process an IDE spawns per window; this does only what is needed.
/// </summary>
internal sealed class StderrLoggerProvider(TextWriter stderr) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new StderrLogger(this, categoryName);

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

    private sealed class StderrLogger(StderrLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
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
