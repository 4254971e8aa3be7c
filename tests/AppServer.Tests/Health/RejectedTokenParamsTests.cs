using System.Text.Json.Nodes;
using AppServer.DevIssuer;
using AppServer.Testing;
using AppServer.Tests.Infrastructure;

namespace AppServer.Tests.Health;

/// <summary><c>rejectedAuthToken</c> on <c>getAuthStatus</c> and <c>account/read</c>, over the real server and loopback issuer.</summary>
public sealed class RejectedTokenParamsTests : IAsyncLifetime
{
    private IssuerServerFixture _fixture = null!;

    private MockIssuer Issuer => _fixture.Issuer;

    public async Task InitializeAsync() => _fixture = await IssuerServerFixture.CreateAsync();

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Theory]
    [InlineData("getAuthStatus", "42")]
    [InlineData("getAuthStatus", "true")]
    [InlineData("getAuthStatus", "{}")]
    [InlineData("getAuthStatus", "\"\"")]
    [InlineData("account/read", "42")]
    [InlineData("account/read", "[\"x\"]")]
    [InlineData("account/read", "\"\"")]
    public async Task RejectedAuthToken_NotANonEmptyString_IsInvalidParamsNamingTheField(string method, string value)
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ApiKey("sk-test-key"));
        await _fixture.StartServerAsync();

        var response = await _fixture.Client.RequestAsync(method, new JsonObject { ["rejectedAuthToken"] = JsonNode.Parse(value) });

        response["error"]!["code"]!.GetValue<int>().Should().Be(-32602);
        response["error"]!["message"]!.GetValue<string>().Should().Be("Invalid params: invalid value for 'rejectedAuthToken'");
        Issuer.RefreshRequestCount.Should().Be(0);
    }

    [Fact]
    public async Task GetAuthStatus_RejectedApiKey_AnswersTheKeyWithNeedsLoginAndNoCall()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ApiKey("sk-test-key"));
        await _fixture.StartServerAsync();

        var status = await _fixture.Client.CallAsync("getAuthStatus", new { includeToken = true, rejectedAuthToken = "sk-test-key" });

        status["authMethod"]!.GetValue<string>().Should().Be("apikey");
        status["authToken"]!.GetValue<string>().Should().Be("sk-test-key");
        status["authHealth"]!["state"]!.GetValue<string>().Should().Be("needsLogin");
        status["authHealth"]!["reason"]!.GetValue<string>().Should().Be("apiKeyRejected");
        status.ContainsKey("refreshFailure").Should().BeFalse();
        Issuer.RefreshRequestCount.Should().Be(0);
    }

    [Fact]
    public async Task GetAuthStatus_RejectedCurrentChatGptToken_RefreshesOnceAndAnswersTheNewToken()
    {
        var credentials = Issuer.IssueCredentials();
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow));
        await _fixture.StartServerAsync();

        var first = await _fixture.Client.CallAsync("getAuthStatus", new { includeToken = true, rejectedAuthToken = credentials.AccessToken });
        var late = await _fixture.Client.CallAsync("getAuthStatus", new { includeToken = true, rejectedAuthToken = credentials.AccessToken });
        var account = await _fixture.Client.CallAsync("account/read", new { rejectedAuthToken = credentials.AccessToken });

        var renewed = first["authToken"]!.GetValue<string>();
        renewed.Should().NotBe(credentials.AccessToken);
        late["authToken"]!.GetValue<string>().Should().Be(renewed);
        first["authHealth"]!["state"]!.GetValue<string>().Should().Be("ok");
        account["userId"]!.GetValue<string>().Should().Be("user-123");
        account["authHealth"]!["state"]!.GetValue<string>().Should().Be("ok");
        Issuer.RefreshRequestCount.Should().Be(1);
    }

    [Fact]
    public async Task RejectedAuthToken_AtTraceLevel_NeverAppearsInLogs()
    {
        var credentials = Issuer.IssueCredentials();
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow));
        await _fixture.StartServerAsync();

        var renewed = (await _fixture.Client.CallAsync("getAuthStatus", new { includeToken = true, rejectedAuthToken = credentials.AccessToken }))["authToken"]!.GetValue<string>();
        await _fixture.Client.CallAsync("getAuthStatus", new { rejectedAuthToken = credentials.AccessToken });
        _fixture.Server.Services.Auth.LoginWithApiKey("sk-rejected-secret-key");
        await _fixture.Client.CallAsync("account/read", new { rejectedAuthToken = "sk-rejected-secret-key" });

        var logs = _fixture.Server.Logs.AllText;
        logs.Should().NotBeEmpty();
        logs.Should().NotContainAny(credentials.AccessToken, credentials.RefreshToken, renewed, "sk-rejected-secret-key");
    }

    [Fact]
    public async Task GetAuthStatus_WithoutRejectedToken_HasNoAuthHealthMember()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ApiKey("sk-test-key"));
        await _fixture.StartServerAsync();

        var status = await _fixture.StatusAsync(includeToken: true, refreshToken: true);
        var account = await _fixture.Client.CallAsync("account/read", new { });

        status.ContainsKey("authHealth").Should().BeFalse();
        account.ContainsKey("authHealth").Should().BeFalse();
        account.ContainsKey("userId").Should().BeFalse();
    }
}
