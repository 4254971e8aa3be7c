using AppServer.Auth.Refresh;

namespace AppServer.Auth.Tests.Refresh.Support;

/// <summary>Options and client construction shared by the refresh tests.</summary>
internal static class RefreshTestOptions
{
    public const string RefreshToken = "rt_test_9f3c2a7d1b6e4058a1c3";

    public const string UserAgent = "codex_cli_rs/0.118.0 (Ubuntu 24.4.0; x86_64) xterm-256color (vscode; 1.99.0)";

    public const string Originator = "codex_vscode";

    public static readonly Uri Endpoint = new("https://auth.test/oauth/token");

    /// <summary>
    /// Production values except the endpoint, the headers and the jitter: a jitter of 1 makes
    /// each backoff its full exponential ceiling (500 ms, 1 s), so tests can assert exact gaps.
    /// </summary>
    public static TokenRefreshOptions Create(Uri? endpoint = null, double jitter = 1.0) => new()
    {
        TokenEndpoint = () => endpoint ?? Endpoint,
        UserAgent = static () => UserAgent,
        Originator = static () => Originator,
        Jitter = () => jitter,
    };

    public static TokenRefreshClient Client(HttpMessageHandler handler, TokenRefreshOptions options, TimeProvider clock, CapturingLogger logger) =>
        new(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, options, clock, logger);
}
