using AppServer.DevIssuer;
using AppServer.Testing;
using AppServer.Tests.Infrastructure;

namespace AppServer.Tests.Auth;

/// <summary>The upstream app-server scenarios of docs/codex-compatibility.md §9.1, with their token-endpoint call counts.</summary>
public sealed class GetAuthStatusTests : IAsyncLifetime
{
    private IssuerServerFixture _fixture = null!;

    private MockIssuer Issuer => _fixture.Issuer;

    public async Task InitializeAsync() => _fixture = await IssuerServerFixture.CreateAsync();

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task GetAuthStatus_NoAuth_ReturnsAllNullAndRequiresAuth()
    {
        await _fixture.StartServerAsync();

        var status = await _fixture.StatusAsync(includeToken: true);

        status.ToJsonString().Should().Be("""{"authMethod":null,"authToken":null,"requiresOpenaiAuth":true}""");
        Issuer.RefreshRequestCount.Should().Be(0);
    }

    [Fact]
    public async Task GetAuthStatus_WithApiKey_ReturnsKey()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ApiKey("sk-test-key"));
        await _fixture.StartServerAsync();

        var status = await _fixture.StatusAsync(includeToken: true);

        status.ToJsonString().Should().Be("""{"authMethod":"apikey","authToken":"sk-test-key","requiresOpenaiAuth":true}""");
    }

    [Fact]
    public async Task GetAuthStatus_WithApiKeyWithoutIncludeToken_OmitsToken()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ApiKey("sk-test-key"));
        await _fixture.StartServerAsync();

        var status = await _fixture.Client.CallAsync("getAuthStatus", new { });

        status.ToJsonString().Should().Be("""{"authMethod":"apikey","authToken":null,"requiresOpenaiAuth":true}""");
    }

    [Fact]
    public async Task GetAuthStatus_WithApiKeyAndRefreshRequested_ReturnsKeyWithoutAnyCall()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ApiKey("sk-test-key"));
        await _fixture.StartServerAsync();

        var status = await _fixture.StatusAsync(includeToken: true, refreshToken: true);

        status.ToJsonString().Should().Be("""{"authMethod":"apikey","authToken":"sk-test-key","requiresOpenaiAuth":true}""");
        Issuer.RefreshRequestCount.Should().Be(0);
    }

    [Fact]
    public async Task GetAuthStatus_AfterPermanentRefreshFailure_OmitsTokenWithoutSecondPost()
    {
        var credentials = Issuer.IssueCredentials();
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow));
        Issuer.SetRefreshMode(RefreshMode.PermanentFailure, "refresh_token_reused");
        await _fixture.StartServerAsync();

        var first = await _fixture.StatusAsync(includeToken: true, refreshToken: true);
        var second = await _fixture.StatusAsync(includeToken: true, refreshToken: true);

        const string Expected = """{"authMethod":"chatgpt","authToken":null,"requiresOpenaiAuth":true,"refreshFailure":{"reason":"exhausted","message":"Your access token could not be refreshed because your refresh token was already used. Please log out and sign in again."}}""";
        first.ToJsonString().Should().Be(Expected);
        second.ToJsonString().Should().Be(Expected);
        Issuer.RefreshRequestCount.Should().Be(1);
    }

    [Fact]
    public async Task GetAuthStatus_AfterProactiveRefreshFailure_OmitsTokenWithOnePost()
    {
        var credentials = Issuer.IssueCredentials();
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow.AddDays(-9), accessToken: "stale-access-token"));
        Issuer.SetRefreshMode(RefreshMode.PermanentFailure, "refresh_token_reused");
        await _fixture.StartServerAsync();

        var status = await _fixture.StatusAsync(includeToken: true, refreshToken: false);

        status["authMethod"]!.GetValue<string>().Should().Be("chatgpt");
        status["authToken"].Should().BeNull();
        status["requiresOpenaiAuth"]!.GetValue<bool>().Should().BeTrue();
        Issuer.RefreshRequestCount.Should().Be(1, "upstream counts 2 only because a second startup manager refreshes too");
    }

    [Fact]
    public async Task GetAuthStatus_AfterProactiveFailureThenNewAuthJson_ReturnsRecoveredToken()
    {
        var credentials = Issuer.IssueCredentials();
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow.AddDays(-9), accessToken: "stale-access-token"));
        Issuer.SetRefreshMode(RefreshMode.PermanentFailure, "refresh_token_reused");
        await _fixture.StartServerAsync();

        var poisoned = await _fixture.StatusAsync(includeToken: true, refreshToken: true);
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow, accessToken: "recovered-access-token"));
        var recovered = await _fixture.StatusAsync(includeToken: true, refreshToken: false);

        poisoned["authToken"].Should().BeNull();
        recovered.ToJsonString().Should().Be("""{"authMethod":"chatgpt","authToken":"recovered-access-token","requiresOpenaiAuth":true}""");
        Issuer.RefreshRequestCount.Should().Be(1);
    }

    [Fact]
    public async Task GetAuthStatus_PoisonedWithoutIncludeToken_KeepsShapeAndMethod()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(Issuer.IssueCredentials(), DateTimeOffset.UtcNow));
        Issuer.SetRefreshMode(RefreshMode.PermanentFailure, "refresh_token_expired");
        await _fixture.StartServerAsync();

        await _fixture.StatusAsync(includeToken: false, refreshToken: true);
        var status = await _fixture.StatusAsync(includeToken: false, refreshToken: false);

        status["authMethod"]!.GetValue<string>().Should().Be("chatgpt");
        status.Should().ContainKey("authToken");
        status["authToken"].Should().BeNull();
        status["refreshFailure"]!["reason"]!.GetValue<string>().Should().Be("expired");
    }

    [Fact]
    public async Task GetAuthStatus_RefreshSucceeds_PersistsRotatedTokensAndReturnsNewAccessToken()
    {
        var credentials = Issuer.IssueCredentials();
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow.AddDays(-1)));
        await _fixture.StartServerAsync();

        var status = await _fixture.StatusAsync(includeToken: true, refreshToken: true);

        var onDisk = System.Text.Json.Nodes.JsonNode.Parse(_fixture.Home.ReadAuthJson())!;
        status["authToken"]!.GetValue<string>().Should().NotBe(credentials.AccessToken).And.Be(onDisk["tokens"]!["access_token"]!.GetValue<string>());
        onDisk["tokens"]!["refresh_token"]!.GetValue<string>().Should().NotBe(credentials.RefreshToken);
        onDisk["tokens"]!["account_id"]!.GetValue<string>().Should().Be(credentials.AccountId);
        DateTimeOffset.Parse(onDisk["last_refresh"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        Issuer.RefreshRequestCount.Should().Be(1);
    }

    [Fact]
    public async Task GetAuthStatus_FreshTokensPolledWithoutRefresh_NeverCallsTokenEndpoint()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(Issuer.IssueCredentials(), DateTimeOffset.UtcNow));
        await _fixture.StartServerAsync();

        for (var i = 0; i < 50; i++)
        {
            (await _fixture.StatusAsync(includeToken: true))["authToken"].Should().NotBeNull();
        }

        Issuer.RefreshRequestCount.Should().Be(0);
    }

    [Fact]
    public async Task GetAuthStatus_ExpiredAccessToken_RefreshesProactivelyOnce()
    {
        var credentials = Issuer.IssueCredentials(accessTokenExpired: true);
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow.AddDays(-1)));
        await _fixture.StartServerAsync();

        var first = await _fixture.StatusAsync(includeToken: true);
        var second = await _fixture.StatusAsync(includeToken: true);

        first["authToken"]!.GetValue<string>().Should().NotBe(credentials.AccessToken);
        second["authToken"]!.GetValue<string>().Should().Be(first["authToken"]!.GetValue<string>());
        Issuer.RefreshRequestCount.Should().Be(1);
    }

    [Fact]
    public async Task GetAuthStatus_PoisonClearedByApiKeyLogin_ReportsApiKey()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(Issuer.IssueCredentials(), DateTimeOffset.UtcNow));
        Issuer.SetRefreshMode(RefreshMode.PermanentFailure, "refresh_token_reused");
        await _fixture.StartServerAsync();
        await _fixture.StatusAsync(refreshToken: true);

        _fixture.Server.Services.Auth.LoginWithApiKey("sk-after-poison");
        var status = await _fixture.StatusAsync(includeToken: true, refreshToken: true);

        status.ToJsonString().Should().Be("""{"authMethod":"apikey","authToken":"sk-after-poison","requiresOpenaiAuth":true}""");
        Issuer.RefreshRequestCount.Should().Be(1);
    }

    [Fact]
    public async Task GetAuthStatus_PoisonClearedByLogout_ReportsNoAuth()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(Issuer.IssueCredentials(), DateTimeOffset.UtcNow));
        Issuer.SetRefreshMode(RefreshMode.PermanentFailure, "refresh_token_reused");
        await _fixture.StartServerAsync();
        await _fixture.StatusAsync(refreshToken: true);

        _fixture.Server.Services.Auth.Logout();

        (await _fixture.StatusAsync(includeToken: true)).ToJsonString().Should().Be("""{"authMethod":null,"authToken":null,"requiresOpenaiAuth":true}""");
        File.Exists(_fixture.Home.AuthFile).Should().BeFalse();
    }
}
