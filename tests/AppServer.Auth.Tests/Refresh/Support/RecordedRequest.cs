namespace AppServer.Auth.Tests.Refresh.Support;

/// <summary>One request as the stub handler saw it, with the fake-clock time it arrived.</summary>
internal sealed record RecordedRequest(
    HttpMethod Method,
    Uri Uri,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    DateTimeOffset At);
