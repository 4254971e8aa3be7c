using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Tests.Refresh.Support;

/// <summary>A captured log line: the formatted text and every structured value behind it.</summary>
internal sealed record LogEntry(LogLevel Level, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> State, Exception? Exception)
{
    /// <summary>Everything a log sink could write: message, each argument, the exception.</summary>
    public string AllText =>
        string.Join(
            "\n",
            State.Select(pair => $"{pair.Key}={pair.Value}")
                .Prepend(Message)
                .Append(Exception?.ToString() ?? string.Empty));
}
