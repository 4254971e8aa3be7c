using System.Text.Json;
using AppServer.Auth.Login;
using AppServer.Auth.Tests.Login.Support;
using AppServer.DevIssuer;
using Microsoft.Extensions.Time.Testing;

namespace AppServer.Auth.Tests.Login;

/// <summary>The device-code login against the real loopback issuer (docs/codex-compatibility.md §8.2, LOGIN-11).</summary>
public sealed class DeviceCodeLoginTests
{
    private const string PollPath = "/api/accounts/deviceauth/token";

    [Fact]
    public async Task StartAsync_Approved_SavesRecordWithoutApiKeyAndSucceeds()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 24, 10, 0, 0, TimeSpan.Zero));
        IssuedCredentials credentials = fixture.Issuer.IssueCredentials(accountId: "acct_device");

        // Act
        await using DeviceCodeLogin login = await fixture.StartDeviceAsync(fixture.Options(clock));
        fixture.Issuer.ApproveDeviceCode(login.UserCode, credentials);
        LoginResult result = await login.Completion.WaitAsync(LoginFixture.HangGuard);

        // Assert
        result.Should().Be(LoginResult.Success);
        login.VerificationUrl.Should().Be(fixture.Issuer.Issuer + "/codex/device");
        login.UserCode.Should().NotBeNullOrEmpty();
        JsonElement auth = fixture.ReadAuthJson();
        auth.GetProperty("auth_mode").GetString().Should().Be("chatgpt");
        auth.GetProperty("OPENAI_API_KEY").ValueKind.Should().Be(JsonValueKind.Null);
        auth.GetProperty("tokens").GetProperty("id_token").GetString().Should().Be(credentials.IdToken);
        auth.GetProperty("tokens").GetProperty("access_token").GetString().Should().Be(credentials.AccessToken);
        auth.GetProperty("tokens").GetProperty("refresh_token").GetString().Should().Be(credentials.RefreshToken);
        auth.GetProperty("tokens").GetProperty("account_id").GetString().Should().Be("acct_device");
        auth.GetProperty("last_refresh").GetDateTimeOffset().Should().Be(clock.GetUtcNow());
        RecordedRequest exchange = fixture.RequestsTo("/oauth/token").Should().ContainSingle("there is no API-key exchange").Subject;
        exchange.Body.Should().Contain(
            "&redirect_uri=" + Uri.EscapeDataString(fixture.Issuer.Issuer + "/deviceauth/callback") + "&client_id=app_EMoamEEZ73f0CkXaXp7hrann&");
        fixture.RequestsTo("/api/accounts/deviceauth/usercode").Single().Body.Should().Be("""{"client_id":"app_EMoamEEZ73f0CkXaXp7hrann"}""");
    }

    [Fact]
    public async Task StartAsync_PendingThenApproved_KeepsPollingUntilApproved()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        fixture.Issuer.EnqueueResponse(IssuerEndpoint.DeviceToken, MockResponse.Json(403, """{"error":"authorization_pending"}"""));
        fixture.Issuer.EnqueueResponse(IssuerEndpoint.DeviceToken, MockResponse.Empty(404));

        // Act
        await using DeviceCodeLogin login = await fixture.StartDeviceAsync();
        fixture.Issuer.ApproveDeviceCode(login.UserCode, fixture.Issuer.IssueCredentials());
        LoginResult result = await login.Completion.WaitAsync(LoginFixture.HangGuard);

        // Assert
        result.Should().Be(LoginResult.Success);
        fixture.RequestsTo(PollPath).Should().HaveCount(3);
        fixture.RequestsTo(PollPath)[0].Body.Should().MatchRegex($$"""^\{"device_auth_id":"[^"]+","user_code":"{{login.UserCode}}"\}$""");
    }

    [Fact]
    public async Task StartAsync_UserCodeEndpoint404_ThrowsNotEnabled()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        fixture.Issuer.EnqueueResponse(IssuerEndpoint.DeviceUserCode, MockResponse.Empty(404));

        // Act
        Func<Task> start = () => fixture.StartDeviceAsync();

        // Assert
        DeviceCodeStartException thrown = (await start.Should().ThrowAsync<DeviceCodeStartException>()).Which;
        thrown.Failure.Should().Be(DeviceCodeStartFailure.NotEnabled);
        thrown.Message.Should().Be("device code login is not enabled for this Codex server. Use the browser login or verify the server URL.");
        fixture.AuthFileExists.Should().BeFalse();
    }

    [Fact]
    public async Task StartAsync_UserCodeEndpoint500_ThrowsRequestFailedWithStatus()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        fixture.Issuer.EnqueueResponse(IssuerEndpoint.DeviceUserCode, MockResponse.Json(500, """{"error":"boom"}"""));

        // Act
        Func<Task> start = () => fixture.StartDeviceAsync();

        // Assert
        DeviceCodeStartException thrown = (await start.Should().ThrowAsync<DeviceCodeStartException>()).Which;
        thrown.Failure.Should().Be(DeviceCodeStartFailure.RequestFailed);
        thrown.Message.Should().Be("device code request failed with status 500");
    }

    [Theory]
    [InlineData("""{"device_auth_id":"d-1","usercode":"CODE-1","interval":" 7 "}""", "CODE-1")]
    [InlineData("""{"device_auth_id":"d-1","user_code":"CODE-2"}""", "CODE-2")]
    public async Task StartAsync_UserCodeVariants_AcceptedAsUpstreamReadsThem(string body, string expectedCode)
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        fixture.Issuer.EnqueueResponse(IssuerEndpoint.DeviceUserCode, MockResponse.Json(200, body));

        // Act
        await using DeviceCodeLogin login = await fixture.StartDeviceAsync(fixture.Options(new FakeTimeProvider()));

        // Assert
        login.UserCode.Should().Be(expectedCode);
    }

    [Fact]
    public async Task StartAsync_UserCodeIntervalNotNumeric_ThrowsRequestFailed()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        fixture.Issuer.EnqueueResponse(IssuerEndpoint.DeviceUserCode, MockResponse.Json(200, """{"device_auth_id":"d","user_code":"c","interval":"soon"}"""));

        // Act
        Func<Task> start = () => fixture.StartDeviceAsync();

        // Assert
        (await start.Should().ThrowAsync<DeviceCodeStartException>()).Which.Failure.Should().Be(DeviceCodeStartFailure.RequestFailed);
    }

    [Fact]
    public async Task Completion_PollReturns500_FailsWithStatusAndSavesNothing()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        fixture.Issuer.EnqueueResponse(IssuerEndpoint.DeviceToken, MockResponse.Json(500, """{"error":"server_error"}"""));

        // Act
        await using DeviceCodeLogin login = await fixture.StartDeviceAsync();
        LoginResult result = await login.Completion.WaitAsync(LoginFixture.HangGuard);

        // Assert
        result.Should().Be(LoginResult.Failure("device auth failed with status 500"));
        fixture.AuthFileExists.Should().BeFalse();
        fixture.RequestsTo("/oauth/token").Should().BeEmpty();
    }

    [Fact]
    public async Task Completion_CodeExchangeFails_FailsWithDeviceExchangePrefix()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        fixture.Issuer.EnqueueResponse(IssuerEndpoint.AuthorizationCode, MockResponse.Json(400, """{"error":"invalid_grant","error_description":"Code expired"}"""));

        // Act
        await using DeviceCodeLogin login = await fixture.StartDeviceAsync();
        fixture.Issuer.ApproveDeviceCode(login.UserCode, fixture.Issuer.IssueCredentials());
        LoginResult result = await login.Completion.WaitAsync(LoginFixture.HangGuard);

        // Assert
        result.Should().Be(LoginResult.Failure("device code exchange failed: token endpoint returned status 400: Code expired"));
        fixture.AuthFileExists.Should().BeFalse();
    }

    [Fact]
    public async Task Completion_WorkspaceMismatch_FailsWithRestrictionAndSavesNothing()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();

        // Act
        await using DeviceCodeLogin login = await fixture.StartDeviceAsync(fixture.Options(forcedWorkspaceId: "org-required"));
        fixture.Issuer.ApproveDeviceCode(login.UserCode, fixture.Issuer.IssueCredentials(accountId: "org-other"));
        LoginResult result = await login.Completion.WaitAsync(LoginFixture.HangGuard);

        // Assert
        result.Should().Be(LoginResult.Failure("Login is restricted to workspace id org-required."));
        fixture.AuthFileExists.Should().BeFalse();
    }

    [Fact]
    public async Task Cancel_WhilePending_FailsAsNotCompletedAndSavesNothing()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        await using DeviceCodeLogin login = await fixture.StartDeviceAsync();

        // Act
        login.Cancel();
        LoginResult result = await login.Completion.WaitAsync(LoginFixture.HangGuard);
        await login.DisposeAsync();
        fixture.Issuer.ApproveDeviceCode(login.UserCode, fixture.Issuer.IssueCredentials());

        // Assert
        result.Should().Be(LoginResult.Failure("Login was not completed"));
        fixture.AuthFileExists.Should().BeFalse();
        fixture.RequestsTo("/oauth/token").Should().BeEmpty();
    }

    [Fact]
    public async Task Completion_NeverApproved_TimesOutAfterFifteenMinutes()
    {
        // Arrange
        await using LoginFixture fixture = await LoginFixture.StartAsync();
        var clock = new FakeTimeProvider();
        await using DeviceCodeLogin login = await fixture.StartDeviceAsync(fixture.Options(clock));

        // Act
        clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        bool endedEarly = login.Completion.IsCompleted;
        clock.Advance(TimeSpan.FromSeconds(1));
        LoginResult result = await login.Completion.WaitAsync(LoginFixture.HangGuard);

        // Assert
        endedEarly.Should().BeFalse();
        result.Should().Be(LoginResult.Failure("device auth timed out after 15 minutes"));
        fixture.AuthFileExists.Should().BeFalse();
    }
}
