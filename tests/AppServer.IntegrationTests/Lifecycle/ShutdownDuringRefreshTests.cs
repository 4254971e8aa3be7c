using System.Text.Json.Nodes;
using AppServer.DevIssuer;
using AppServer.IntegrationTests.Infrastructure;
using AppServer.Testing;

namespace AppServer.IntegrationTests.Lifecycle;

/// <summary>
/// Shutdown without loss (docs/failure-modes.md LIFE-04): a refresh in flight when stdin closes or SIGTERM
/// arrives finishes and is saved before the process exits, so a spent refresh token is never lost.
/// </summary>
public sealed class ShutdownDuringRefreshTests : IAsyncLifetime
{
    private MockIssuer _issuer = null!;
    private readonly TempCodexHome _home = new();

    public async Task InitializeAsync() => _issuer = await MockIssuer.StartAsync();

    public async Task DisposeAsync()
    {
        await _issuer.DisposeAsync();
        _home.Dispose();
    }

    [Theory]
    [InlineData("eof", "Input ended; waiting for")]
    [InlineData("sigterm", "Stop signal received")]
    public async Task ShutdownWhileRefreshIsHeld_RefreshStillCompletesAndIsSaved(string how, string shutdownLogLine)
    {
        var credentials = _issuer.IssueCredentials();
        _home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow.AddDays(-1)));
        await using var server = ServerProcess.Start(
            _home.Path,
            new Dictionary<string, string> { ["CODEX_REFRESH_TOKEN_URL_OVERRIDE"] = _issuer.TokenEndpoint.ToString() },
            "--log-level", "debug");
        await server.Client.InitializeAsync();
        var gate = _issuer.HoldRefreshes();

        var pending = server.Client.RequestAsync("getAuthStatus", new { includeToken = true, refreshToken = true });
        await _issuer.WaitForRefreshRequestsAsync(1, JsonLineClient.Timeout);
        if (how == "eof")
        {
            await server.Client.CloseInputAsync();
        }
        else
        {
            server.Signal(NativeSignals.SigTerm);
        }

        await server.WaitForStderrAsync(shutdownLogLine);
        gate.Release();
        var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(40));

        exitCode.Should().Be(0);
        var saved = JsonNode.Parse(_home.ReadAuthJson())!["tokens"]!;
        saved["refresh_token"]!.GetValue<string>().Should().NotBe(credentials.RefreshToken, "the rotated token must be on disk");
        saved["access_token"]!.GetValue<string>().Should().NotBe(credentials.AccessToken);
        _issuer.RefreshRequestCount.Should().Be(1);
        if (how == "eof")
        {
            // Requests already read are answered before the process goes.
            (await pending)["result"]!["authToken"]!.GetValue<string>().Should().Be(saved["access_token"]!.GetValue<string>());
        }
    }
}
