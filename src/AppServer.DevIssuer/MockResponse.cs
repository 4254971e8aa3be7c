using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace AppServer.DevIssuer;

/// <summary>
/// A scripted answer for one request. Scripted answers bypass the issuer's state entirely: a scripted
/// refresh neither spends nor issues a refresh token.
/// </summary>
internal sealed record MockResponse
{
    private static readonly string s_defaultHtml =
        "<!doctype html><html><head><title>Sign in to Wi-Fi</title></head><body>Captive portal</body></html>";

    public int StatusCode { get; init; } = 200;

    public string Body { get; init; } = "";

    /// <summary>Content-Type to send; <see langword="null"/> sends none.</summary>
    public string? ContentType { get; init; }

    public ImmutableDictionary<string, string> Headers { get; init; } =
        ImmutableDictionary.Create<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Real-time wait before the response (or the hang) starts.</summary>
    public TimeSpan Delay { get; init; }

    public MockResponseKind Kind { get; init; } = MockResponseKind.Respond;

    public static MockResponse Json(int status, string json) =>
        new() { StatusCode = status, Body = json, ContentType = "application/json" };

    /// <summary>The nested OAuth error shape the refresh endpoint uses: <c>{"error":{"code":…}}</c>.</summary>
    public static MockResponse RefreshError(int status, string code) =>
        Json(status, new JsonObject { ["error"] = new JsonObject { ["code"] = code } }.ToJsonString());

    /// <summary>An HTML page, by default a captive-portal page (docs/failure-modes.md RESP-03).</summary>
    public static MockResponse Html(int status = 200, string? html = null) =>
        new() { StatusCode = status, Body = html ?? s_defaultHtml, ContentType = "text/html; charset=utf-8" };

    public static MockResponse Text(int status, string body) =>
        new() { StatusCode = status, Body = body, ContentType = "text/plain; charset=utf-8" };

    /// <summary>A status with an empty body and no Content-Type.</summary>
    public static MockResponse Empty(int status) => new() { StatusCode = status };

    /// <summary>429 with <c>Retry-After</c> in delta-seconds.</summary>
    public static MockResponse RateLimited(int retryAfterSeconds) =>
        RefreshError(429, "rate_limit_exceeded").WithHeader("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture));

    /// <summary>Never answers, until the client aborts or the issuer is disposed (which resets the connection).</summary>
    public static MockResponse Hang() => new() { Kind = MockResponseKind.Hang };

    /// <summary>Sends the status line and headers, then never sends the body.</summary>
    public static MockResponse HangAfterHeaders(int status = 200) =>
        new() { StatusCode = status, ContentType = "application/json", Kind = MockResponseKind.HangAfterHeaders };

    /// <summary>Resets the connection without a response.</summary>
    public static MockResponse Abort() => new() { Kind = MockResponseKind.Abort };

    public MockResponse WithHeader(string name, string value) => this with { Headers = Headers.SetItem(name, value) };
}
