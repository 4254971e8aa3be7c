using System.Diagnostics;
using AppServer.Auth.Revoke;
using AppServer.DevIssuer;
using AppServer.Testing;
using AppServer.Tests.Infrastructure;

namespace AppServer.Tests.Login;

/// <summary>
/// Logouts and replacing logins revoke the old ChatGPT grant at the issuer, once, after the local
/// logout, without the answer waiting for the issuer; a failing revoke never undoes the logout.
/// </summary>
public sealed class LogoutRevokeTests : IAsyncLifetime
{
    private IssuerServerFixture _fixture = null!;

    private JsonLineClient Client => _fixture.Client;

    public async Task InitializeAsync() => _fixture = await IssuerServerFixture.CreateAsync();

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Theory]
    [InlineData("account/logout")]
    [InlineData("logoutChatGpt")]
    public async Task Logout_ManagedChatGpt_RevokesTheRefreshTokenOnceWithTheCodexBody(string method)
    {
        // Arrange
        var credentials = _fixture.Issuer.IssueCredentials();
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow));
        await _fixture.StartServerAsync();

        // Act
        await Client.CallAsync(method);
        var outcomes = await _fixture.Server.Services.Revocations.DrainAsync();

        // Assert
        outcomes.Should().ContainSingle().Which.Revoked.Should().BeTrue();
        var revoke = _fixture.Issuer.Requests.Should().ContainSingle(r => r.Path == "/oauth/revoke").Subject;
        revoke.Body.Should().Be($$"""{"token":"{{credentials.RefreshToken}}","token_type_hint":"refresh_token","client_id":"app_EMoamEEZ73f0CkXaXp7hrann"}""");
        revoke.Headers["Content-Type"].Should().Be("application/json");
        File.Exists(_fixture.Home.AuthFile).Should().BeFalse();
        _fixture.Server.Logs.AllText.Should().Contain("Revoked the old refresh_token at 127.0.0.1:").And.NotContain(credentials.RefreshToken);
    }

    [Fact]
    public async Task Logout_ApiKeyOrNothing_RevokesNothing()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ApiKey("sk-test-key"));
        await _fixture.StartServerAsync();

        await Client.CallAsync("account/logout");
        await Client.CallAsync("account/logout");

        (await _fixture.Server.Services.Revocations.DrainAsync()).Should().BeEmpty();
        _fixture.Issuer.RequestCount("/oauth/revoke").Should().Be(0);
    }

    [Fact]
    public async Task LoginApiKey_OverManagedChatGpt_RevokesTheReplacedRefreshToken()
    {
        // Arrange
        var credentials = _fixture.Issuer.IssueCredentials();
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow));
        await _fixture.StartServerAsync();

        // Act
        await Client.CallAsync("account/login/start", new { type = "apiKey", apiKey = "sk-replacement" });
        await _fixture.Server.Services.Revocations.DrainAsync();

        // Assert
        _fixture.Issuer.RevokedTokens.Should().ContainSingle().Which.Token.Should().Be(credentials.RefreshToken);
        (await _fixture.StatusAsync(includeToken: true)).ToJsonString()
            .Should().Be("""{"authMethod":"apikey","authToken":"sk-replacement","requiresOpenaiAuth":true}""");
    }

    [Fact]
    public async Task Logout_RevokedRefreshToken_IsDeadAtTheIssuerAfterwards()
    {
        // The dev issuer's revoke is real: a second process still holding the old file cannot refresh.
        var credentials = _fixture.Issuer.IssueCredentials();
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow));
        await _fixture.StartServerAsync();

        await Client.CallAsync("account/logout");
        await _fixture.Server.Services.Revocations.DrainAsync();
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow));
        _fixture.Server.Services.Auth.ReloadFromDisk();
        var status = await _fixture.StatusAsync(includeToken: true, refreshToken: true);

        status["refreshFailure"]!["reason"]!.GetValue<string>().Should().Be("revoked");
        _fixture.Issuer.RefreshRequestCount.Should().Be(1);
    }

    [Theory]
    [InlineData("500")]
    [InlineData("refused")]
    public async Task Logout_RevokeEndpointFails_StillLogsOutAndSaysSoInTheLog(string failure)
    {
        // Arrange
        var credentials = _fixture.Issuer.IssueCredentials();
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow));
        if (failure == "500")
        {
            _fixture.Issuer.EnqueueResponse(IssuerEndpoint.Revoke, MockResponse.Json(500, """{"error":{"message":"revoke is down"}}"""));
        }

        await _fixture.StartServerAsync(failure == "refused"
            ? s => s with { Revoke = new RevokeOptions { Endpoint = static () => new Uri("http://127.0.0.1:9/oauth/revoke") } }
            : null);

        // Act
        var result = await Client.CallAsync("account/logout");
        var outcomes = await _fixture.Server.Services.Revocations.DrainAsync();

        // Assert
        result.ToJsonString().Should().Be("{}");
        outcomes.Should().ContainSingle().Which.Revoked.Should().BeFalse();
        File.Exists(_fixture.Home.AuthFile).Should().BeFalse();
        (await Client.CallAsync("account/read", new { })).ToJsonString().Should().Be("""{"account":null,"requiresOpenaiAuth":true}""");
        _fixture.Server.Logs.AllText.Should().Contain("Could not revoke the old refresh_token").And.NotContain(credentials.RefreshToken);
    }

    [Fact]
    public async Task Logout_RevokeEndpointHangs_AnswersWithoutWaitingAndTheRevokeEndsAtItsBound()
    {
        // Arrange: a 2 s bound, so the drain at the end is short.
        var bound = TimeSpan.FromSeconds(2);
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(_fixture.Issuer.IssueCredentials(), DateTimeOffset.UtcNow));
        _fixture.Issuer.EnqueueResponse(IssuerEndpoint.Revoke, MockResponse.Hang());
        await _fixture.StartServerAsync(s => s with { Revoke = new RevokeOptions { Endpoint = () => _fixture.Issuer.RevokeEndpoint, Timeout = bound } });
        var stopwatch = Stopwatch.StartNew();

        // Act
        var result = await Client.CallAsync("account/logout");
        var answeredAfter = stopwatch.Elapsed;
        var outcomes = await _fixture.Server.Services.Revocations.DrainAsync();

        // Assert
        result.ToJsonString().Should().Be("{}");
        answeredAfter.Should().BeLessThan(bound * 10, "the answer does not wait for the revoke");
        File.Exists(_fixture.Home.AuthFile).Should().BeFalse();
        outcomes.Should().ContainSingle().Which.Detail.Should().Be("no answer within 2 s");
    }
}
