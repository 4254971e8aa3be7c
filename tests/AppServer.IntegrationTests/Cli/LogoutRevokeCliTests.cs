using System.Net;
using System.Net.Sockets;
using AppServer.DevIssuer;
using AppServer.IntegrationTests.Infrastructure;
using AppServer.Testing;

namespace AppServer.IntegrationTests.Cli;

/// <summary><c>appserver logout</c> and <c>login</c> revoke the old ChatGPT grant, wait for the issuer (bounded) and say how it went.</summary>
public sealed class LogoutRevokeCliTests : IAsyncLifetime
{
    private readonly TempCodexHome _home = new();
    private MockIssuer _issuer = null!;

    // Only the refresh override: the revoke goes to /oauth/revoke on the same host, as in Codex.
    private Dictionary<string, string> IssuerEnvironment => new() { ["CODEX_REFRESH_TOKEN_URL_OVERRIDE"] = _issuer.TokenEndpoint.ToString() };

    public async Task InitializeAsync() => _issuer = await MockIssuer.StartAsync();

    public async Task DisposeAsync()
    {
        await _issuer.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task Logout_ChatGpt_RevokesOnceAndSaysSo()
    {
        // Arrange
        var credentials = _issuer.IssueCredentials();
        _home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow));

        // Act
        var run = await CliRun.ExecAsync(_home.Path, IssuerEnvironment, null, "logout");

        // Assert
        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().Be("Logged out.\nRevoked the refresh token at the issuer.\n");
        _issuer.RevokedTokens.Should().ContainSingle().Which.Should().Be(
            new DevIssuer.State.RevokedToken(credentials.RefreshToken, "refresh_token", "app_EMoamEEZ73f0CkXaXp7hrann"));
        File.Exists(_home.AuthFile).Should().BeFalse();
        run.Stderr.Should().NotContain(credentials.RefreshToken);
    }

    [Fact]
    public async Task Logout_RevokeRefused_LogsOutLocallyAndSaysTheRevokeFailed()
    {
        // Arrange
        var credentials = _issuer.IssueCredentials();
        _home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow));
        var environment = IssuerEnvironment;
        environment["CODEX_REVOKE_TOKEN_URL_OVERRIDE"] = $"http://127.0.0.1:{ReleasedPort()}/oauth/revoke";

        // Act
        var run = await CliRun.ExecAsync(_home.Path, environment, null, "logout");

        // Assert
        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().Be("Logged out.\nCould not revoke the refresh token at the issuer (network error (ConnectionError)); the local credentials are removed.\n");
        File.Exists(_home.AuthFile).Should().BeFalse();
        _issuer.RevokedTokens.Should().BeEmpty();
    }

    [Fact]
    public async Task Logout_ApiKey_RevokesNothing()
    {
        _home.WriteAuthJson(AuthFixtures.ApiKey("sk-local"));

        var run = await CliRun.ExecAsync(_home.Path, IssuerEnvironment, null, "logout");

        run.ExitCode.Should().Be(0);
        run.Stdout.Should().Be("Logged out.\n");
        _issuer.RequestCount("/oauth/revoke").Should().Be(0);
    }

    [Fact]
    public async Task LoginApiKey_OverChatGpt_RevokesTheReplacedGrantBeforeExiting()
    {
        var credentials = _issuer.IssueCredentials();
        _home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow));

        var run = await CliRun.ExecAsync(_home.Path, IssuerEnvironment, null, "login", "--api-key", "sk-replacement");

        run.ExitCode.Should().Be(0, run.Stderr);
        _issuer.RevokedTokens.Should().ContainSingle().Which.Token.Should().Be(credentials.RefreshToken);
    }

    private static int ReleasedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
