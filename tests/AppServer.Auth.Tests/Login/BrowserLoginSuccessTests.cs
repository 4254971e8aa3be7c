using AppServer.Testing;
using System.Text.Json;
using AppServer.Auth.Login;
using AppServer.Auth.Tests.Login.Support;
using AppServer.DevIssuer;
using Microsoft.Extensions.Time.Testing;

namespace AppServer.Auth.Tests.Login;

/// <summary>The browser login end to end against the real loopback issuer (docs/codex-compatibility.md §8.1, LOGIN-07).</summary>
public sealed class BrowserLoginSuccessTests
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 24, 10, 11, 12, TimeSpan.Zero);

    [Fact]
    public async Task StartAsync_BrowserSignsIn_SavesChatGptRecordWithApiKeyAndSucceeds()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        var clock = new FakeTimeProvider(s_now);
        await using BrowserLogin login = await fixture.StartBrowserAsync(fixture.Options(clock));
        using var browser = new BrowserDriver();

        // Act
        (Uri callback, Uri success) = await browser.SignInAsync(login.AuthUrl);
        LoginResult result = await login.Completion.WaitAsync(LoginFixture.HangGuard);

        // Assert
        result.Should().Be(LoginResult.Success);
        callback.GetLeftPart(UriPartial.Path).Should().Be($"http://localhost:{login.Port}/auth/callback");
        JsonElement auth = fixture.ReadAuthJson();
        auth.GetProperty("auth_mode").GetString().Should().Be("chatgpt");
        auth.GetProperty("OPENAI_API_KEY").GetString().Should().StartWith("sk-mock-");
        JsonElement tokens = auth.GetProperty("tokens");
        tokens.GetProperty("id_token").GetString().Should().Be(BrowserDriver.Query(success.ToString(), "id_token"));
        tokens.GetProperty("access_token").GetString().Should().NotBeNullOrEmpty();
        tokens.GetProperty("refresh_token").GetString().Should().NotBeNullOrEmpty();
        tokens.GetProperty("account_id").GetString().Should().Be("acct_123");
        auth.GetProperty("last_refresh").GetDateTimeOffset().Should().Be(s_now);
    }

    [Fact]
    public async Task StartAsync_BrowserSignsIn_SendsUpstreamShapedTokenRequests()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        await using BrowserLogin login = await fixture.StartBrowserAsync();
        using var browser = new BrowserDriver();

        // Act
        await browser.SignInAsync(login.AuthUrl);
        await login.Completion.WaitAsync(LoginFixture.HangGuard);

        // Assert
        var requests = fixture.RequestsTo("/oauth/token");
        requests.Should().HaveCount(2);
        requests[0].Headers["Content-Type"].Should().Be("application/x-www-form-urlencoded");
        requests[0].Body.Should().MatchRegex(
            "^grant_type=authorization_code&code=[^&]+"
            + $"&redirect_uri=http%3A%2F%2Flocalhost%3A{login.Port}%2Fauth%2Fcallback"
            + "&client_id=app_EMoamEEZ73f0CkXaXp7hrann&code_verifier=[A-Za-z0-9_-]{86}$");
        requests[1].Body.Should().MatchRegex(
            "^grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&client_id=app_EMoamEEZ73f0CkXaXp7hrann"
            + "&requested_token=openai-api-key&subject_token=[^&]+"
            + "&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aid_token$");
    }

    [Fact]
    public async Task StartAsync_BrowserSignsIn_RedirectsToSuccessWithUpstreamParameters()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        await using BrowserLogin login = await fixture.StartBrowserAsync();
        using var browser = new BrowserDriver();

        // Act
        (_, Uri success) = await browser.SignInAsync(login.AuthUrl);

        // Assert
        string url = success.ToString();
        url.Should().StartWith($"http://localhost:{login.Port}/success?id_token=");
        url.Should().EndWith("&needs_setup=false&org_id=&project_id=&plan_type=pro&platform_url=https%3A%2F%2Fplatform.api.openai.org");
    }

    [Fact]
    public async Task StartAsync_PortZero_AuthUrlNamesTheBoundPortAndOriginator()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();

        // Act
        await using BrowserLogin login = await fixture.StartBrowserAsync();

        // Assert
        login.Port.Should().BePositive();
        login.LoginId.Should().NotBeEmpty();
        login.AuthUrl.Should().StartWith(fixture.Issuer.Issuer + "/oauth/authorize?response_type=code&client_id=app_EMoamEEZ73f0CkXaXp7hrann");
        login.AuthUrl.Should().Contain($"&redirect_uri=http%3A%2F%2Flocalhost%3A{login.Port}%2Fauth%2Fcallback&");
        login.AuthUrl.Should().Contain("&originator=" + LoginFixture.Originator);
        login.AuthUrl.Should().NotContain("allowed_workspace_id");
    }

    [Fact]
    public async Task StartAsync_ForcedWorkspaceMatches_AddsAllowedWorkspaceIdAndSucceeds()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        await using BrowserLogin login = await fixture.StartBrowserAsync(fixture.Options(forcedWorkspaceId: "acct_123"));
        using var browser = new BrowserDriver();

        // Act
        await browser.SignInAsync(login.AuthUrl);
        LoginResult result = await login.Completion.WaitAsync(LoginFixture.HangGuard);

        // Assert
        login.AuthUrl.Should().EndWith("&allowed_workspace_id=acct_123");
        result.Should().Be(LoginResult.Success);
    }

    [Fact]
    public async Task StartAsync_ApiKeyExchangeFails_SucceedsWithNullApiKey()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        fixture.Issuer.EnqueueResponse(IssuerEndpoint.ApiKeyExchange, MockResponse.Json(500, """{"error":"server_error"}"""));
        await using BrowserLogin login = await fixture.StartBrowserAsync();
        using var browser = new BrowserDriver();

        // Act
        await browser.SignInAsync(login.AuthUrl);
        LoginResult result = await login.Completion.WaitAsync(LoginFixture.HangGuard);

        // Assert
        result.Should().Be(LoginResult.Success);
        JsonElement auth = fixture.ReadAuthJson();
        auth.GetProperty("OPENAI_API_KEY").ValueKind.Should().Be(JsonValueKind.Null);
        auth.GetProperty("tokens").GetProperty("account_id").GetString().Should().Be("acct_123");
    }
}
