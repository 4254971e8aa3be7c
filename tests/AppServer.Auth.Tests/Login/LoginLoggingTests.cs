using AppServer.Testing;
using System.Text.Json;
using AppServer.Auth.Login;
using AppServer.Auth.Tests.Login.Support;
using AppServer.DevIssuer;

namespace AppServer.Auth.Tests.Login;

/// <summary>No code, state, verifier, token or key ever reaches a log line or a client-facing message.</summary>
public sealed class LoginLoggingTests
{
    [Fact]
    public async Task BrowserLogin_SuccessfulSignIn_LogsNoSecret()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        await using BrowserLogin login = await fixture.StartBrowserAsync();
        using var browser = new BrowserDriver();

        // Act
        (Uri callback, _) = await browser.SignInAsync(login.AuthUrl);
        await login.Completion.WaitAsync(LoginFixture.HangGuard);

        // Assert
        JsonElement auth = fixture.ReadAuthJson();
        JsonElement tokens = auth.GetProperty("tokens");
        string verifier = BrowserDriver.Query("http://x/?" + fixture.RequestsTo("/oauth/token")[0].Body, "code_verifier");
        LogAssertions.ShouldNotLeak(
            fixture.Logger.Entries,
            BrowserDriver.Query(callback.ToString(), "code"),
            BrowserDriver.Query(login.AuthUrl, "state"),
            BrowserDriver.Query(login.AuthUrl, "code_challenge"),
            verifier,
            tokens.GetProperty("id_token").GetString(),
            tokens.GetProperty("access_token").GetString(),
            tokens.GetProperty("refresh_token").GetString(),
            auth.GetProperty("OPENAI_API_KEY").GetString());
    }

    [Fact]
    public async Task BrowserLogin_ExchangeErrorEchoesCode_RedactsItFromMessageAndLogs()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync(new MockIssuerOptions { AutoApprove = false });
        await using BrowserLogin login = await fixture.StartBrowserAsync();
        string code = fixture.Issuer.CreateAuthorizationCode(
            BrowserDriver.Query(login.AuthUrl, "code_challenge"),
            BrowserDriver.Query(login.AuthUrl, "redirect_uri"),
            fixture.Issuer.IssueCredentials());
        fixture.Issuer.EnqueueResponse(
            IssuerEndpoint.AuthorizationCode, MockResponse.Json(400, $$"""{"error_description":"Code {{code}} was already used"}"""));
        string state = BrowserDriver.Query(login.AuthUrl, "state");
        using var browser = new BrowserDriver();

        // Act
        using HttpResponseMessage page = await browser.GetAsync(BrowserDriver.Callback(
            login.Port, $"code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state)}"));
        LoginResult result = await login.Completion.WaitAsync(LoginFixture.HangGuard);

        // Assert
        result.Error.Should().Be("Login server error: Token exchange failed: token endpoint returned status 400: Code [redacted] was already used");
        (await page.Content.ReadAsStringAsync()).Should().NotContain(code);
        LogAssertions.ShouldNotLeak(fixture.Logger.Entries, code, state);
    }

    [Fact]
    public async Task DeviceCodeLogin_SuccessfulSignIn_LogsNoSecret()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        IssuedCredentials credentials = fixture.Issuer.IssueCredentials();

        // Act
        await using DeviceCodeLogin login = await fixture.StartDeviceAsync();
        fixture.Issuer.ApproveDeviceCode(login.UserCode, credentials);
        await login.Completion.WaitAsync(LoginFixture.HangGuard);

        // Assert
        string exchange = "http://x/?" + fixture.RequestsTo("/oauth/token")[0].Body;
        LogAssertions.ShouldNotLeak(
            fixture.Logger.Entries,
            login.UserCode,
            BrowserDriver.Query(exchange, "code"),
            BrowserDriver.Query(exchange, "code_verifier"),
            credentials.IdToken,
            credentials.AccessToken,
            credentials.RefreshToken);
    }
}
