using AppServer.DevIssuer;
using AppServer.Testing;
using AppServer.Tests.Infrastructure;

namespace AppServer.Tests.Auth;

/// <summary>No token or key ever reaches a log line or an error (docs/failure-modes.md RPC-19).</summary>
public sealed class SecretHygieneTests : IAsyncLifetime
{
    private IssuerServerFixture _fixture = null!;

    public async Task InitializeAsync() => _fixture = await IssuerServerFixture.CreateAsync();

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task TokensAndKeys_NeverAppearInLogs_AtAnyLevel()
    {
        var issuer = _fixture.Issuer;
        var credentials = issuer.IssueCredentials();
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow.AddDays(-1)));
        issuer.EnqueueTokenResponse(MockResponse.Text(500, $"backend echoed {credentials.RefreshToken}"));
        issuer.EnqueueTokenResponse(MockResponse.Text(401, $"{{\"error\":{{\"code\":\"weird\",\"message\":\"token {credentials.RefreshToken}\"}}}}"));
        await _fixture.StartServerAsync();

        var status = await _fixture.StatusAsync(includeToken: true, refreshToken: true);
        _fixture.Server.Services.Auth.LoginWithApiKey("sk-very-secret-key");
        await _fixture.StatusAsync(includeToken: true, refreshToken: true);
        await _fixture.Client.RequestAsync("getAuthStatus", new { includeToken = "sk-very-secret-key" });

        var logs = _fixture.Server.Logs.AllText;
        logs.Should().NotBeEmpty();
        logs.Should().NotContainAny(credentials.RefreshToken, credentials.AccessToken, credentials.IdToken, "sk-very-secret-key");
        status.ToJsonString().Should().NotContain(credentials.RefreshToken);
    }
}
