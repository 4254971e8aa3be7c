using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AppServer.DevIssuer.Tests.Support;

/// <summary>Records its category for every entry; see <see cref="CapturingLoggerProvider"/>.</summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly ConcurrentQueue<string> _categories;
    private readonly string _category;

    public CapturingLogger(ConcurrentQueue<string> categories, string category)
    {
        _categories = categories;
        _category = category;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _categories.Enqueue(_category);
}
