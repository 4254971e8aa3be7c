using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Tests.TestSupport;

internal sealed record LogEntry(LogLevel Level, EventId EventId, string Message);
