using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AppServer.DevIssuer.Tests.Support;

/// <summary>Collects the category of every log entry, to prove a caller's logger factory is used.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Categories { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(Categories, categoryName);

    public void Dispose()
    {
    }
}
