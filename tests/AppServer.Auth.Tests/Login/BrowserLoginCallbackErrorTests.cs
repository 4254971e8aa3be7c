using AppServer.Testing;
using System.Net;
using AppServer.Auth.Login;
using AppServer.Auth.Tests.Login.Support;
using AppServer.DevIssuer;

namespace AppServer.Auth.Tests.Login;

/// <summary>Each step of <c>GET /auth/callback</c> that can refuse a login, in contract order (LOGIN-03..06, 08).</summary>
public sealed class BrowserLoginCallbackErrorTests
{
    [Fact]
    public async Task Callback_StateMismatch_Answers400AndKeepsWaitingForTheRealCallback()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        await using BrowserLogin login = await fixture.StartBrowserAsync();
        using var browser = new BrowserDriver();
        Uri callback = await browser.AuthorizeAsync(login.AuthUrl);
        string code = BrowserDriver.Query(callback.ToString(), "code");

        // Act
        using HttpResponseMessage forged = await browser.GetAsync(BrowserDriver.Callback(login.Port, $"code={code}&state=forged"));
        using HttpResponseMessage real = await browser.GetAsync(callback);
        using HttpResponseMessage page = await browser.GetAsync(real.Headers.Location!);

        // Assert
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await forged.Content.ReadAsStringAsync()).Should().Be("State mismatch");
        real.StatusCode.Should().Be(HttpStatusCode.Found);
        (await login.Completion.WaitAsync(LoginFixture.HangGuard)).Should().Be(LoginResult.Success);
        fixture.AuthFileExists.Should().BeTrue();
    }

    [Fact]
    public async Task Callback_AccessDeniedMissingEntitlement_ShowsErrorPageAndFailsWithExactMessage()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        await using BrowserLogin login = await fixture.StartBrowserAsync();
        using var browser = new BrowserDriver();
        string state = BrowserDriver.Query(login.AuthUrl, "state");

        // Act
        using HttpResponseMessage page = await browser.GetAsync(BrowserDriver.Callback(
            login.Port, $"error=access_denied&error_description=Account%20is%20MISSING_CODEX_ENTITLEMENT&state={Uri.EscapeDataString(state)}"));
        LoginResult result = await login.Completion.WaitAsync(LoginFixture.HangGuard);

        // Assert
        result.Should().Be(LoginResult.Failure(
            "Login server error: Codex is not enabled for your workspace. Contact your workspace administrator to request access to Codex."));
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Headers.ConnectionClose.Should().BeTrue();
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        string html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("<title>Codex Sign-in Error</title>").And.Contain("Codex is not enabled for your workspace.");
        fixture.AuthFileExists.Should().BeFalse();
    }

    [Theory]
    [InlineData("error=access_denied&error_description=User+cancelled+sign-in", "Sign-in failed: User cancelled sign-in")]
    [InlineData("error=server_error", "Sign-in failed: server_error")]
    [InlineData("error=access_denied&error_description=%20", "Sign-in failed: access_denied")]
    public async Task Callback_OtherIssuerError_FailsWithDescriptionElseCode(string query, string expected)
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        await using BrowserLogin login = await fixture.StartBrowserAsync();
        using var browser = new BrowserDriver();
        string state = BrowserDriver.Query(login.AuthUrl, "state");

        // Act
        using HttpResponseMessage page = await browser.GetAsync(BrowserDriver.Callback(login.Port, $"{query}&state={Uri.EscapeDataString(state)}"));
        LoginResult result = await login.Completion.WaitAsync(LoginFixture.HangGuard);

        // Assert
        result.Should().Be(LoginResult.Failure("Login server error: " + expected));
        (await page.Content.ReadAsStringAsync()).Should().Contain("Codex Sign-in Error");
    }

    [Fact]
    public async Task Callback_NoCode_FailsWithMissingCodeMessage()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        await using BrowserLogin login = await fixture.StartBrowserAsync();
        using var browser = new BrowserDriver();
        string state = BrowserDriver.Query(login.AuthUrl, "state");

        // Act
        using HttpResponseMessage page = await browser.GetAsync(BrowserDriver.Callback(login.Port, $"state={Uri.EscapeDataString(state)}"));
        LoginResult result = await login.Completion.WaitAsync(LoginFixture.HangGuard);

        // Assert
        result.Should().Be(LoginResult.Failure("Login server error: Missing authorization code. Sign-in could not be completed."));
        page.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Callback_CodeExchangeReturns500_FailsWithStatusAndDetailAndSavesNothing()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        fixture.Issuer.EnqueueResponse(IssuerEndpoint.AuthorizationCode, MockResponse.Json(500, """{"error":{"message":"upstream exploded","code":"boom"}}"""));
        await using BrowserLogin login = await fixture.StartBrowserAsync();
        using var browser = new BrowserDriver();

        // Act
        using HttpResponseMessage page = await browser.GetAsync(await browser.AuthorizeAsync(login.AuthUrl));
        LoginResult result = await login.Completion.WaitAsync(LoginFixture.HangGuard);

        // Assert
        result.Should().Be(LoginResult.Failure("Login server error: Token exchange failed: token endpoint returned status 500: upstream exploded"));
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Headers.ConnectionClose.Should().BeTrue();
        fixture.AuthFileExists.Should().BeFalse();
        fixture.RequestsTo("/oauth/token").Should().ContainSingle("no API-key exchange follows a failed code exchange");
    }

    [Fact]
    public async Task Callback_CodeExchangeNotJson_UsesTrimmedRawBody()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        fixture.Issuer.EnqueueResponse(IssuerEndpoint.AuthorizationCode, MockResponse.Text(502, " Bad gateway \n"));
        await using BrowserLogin login = await fixture.StartBrowserAsync();
        using var browser = new BrowserDriver();

        // Act
        using HttpResponseMessage page = await browser.GetAsync(await browser.AuthorizeAsync(login.AuthUrl));
        LoginResult result = await login.Completion.WaitAsync(LoginFixture.HangGuard);

        // Assert
        result.Error.Should().Be("Login server error: Token exchange failed: token endpoint returned status 502: Bad gateway");
    }

    [Fact]
    public async Task Callback_WorkspaceMismatch_FailsWithRestrictionAndSavesNothing()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        await using BrowserLogin login = await fixture.StartBrowserAsync(fixture.Options(forcedWorkspaceId: "org-required"));
        using var browser = new BrowserDriver();

        // Act
        using HttpResponseMessage page = await browser.GetAsync(await browser.AuthorizeAsync(login.AuthUrl));
        LoginResult result = await login.Completion.WaitAsync(LoginFixture.HangGuard);

        // Assert
        result.Should().Be(LoginResult.Failure("Login server error: Login is restricted to workspace id org-required."));
        (await page.Content.ReadAsStringAsync()).Should().Contain("Login is restricted to workspace id org-required.");
        fixture.AuthFileExists.Should().BeFalse();
        fixture.RequestsTo("/oauth/token").Should().ContainSingle("the API key is not requested for a refused workspace");
    }

    [Fact]
    public async Task Callback_SaveFails_FailsWithSaveMessage()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        await using BrowserLogin login = await fixture.StartBrowserAsync(persist: static _ => throw new IOException("disk full"));
        using var browser = new BrowserDriver();

        // Act
        using HttpResponseMessage page = await browser.GetAsync(await browser.AuthorizeAsync(login.AuthUrl));
        LoginResult result = await login.Completion.WaitAsync(LoginFixture.HangGuard);

        // Assert
        result.Should().Be(LoginResult.Failure("Login server error: Sign-in completed but credentials could not be saved locally."));
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain("Sign-in completed but credentials could not be saved locally.");
    }
}
