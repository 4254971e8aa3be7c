using System.Text.Json.Nodes;
using AppServer.Auth.Config;
using AppServer.DevIssuer;
using AppServer.Testing;
using AppServer.Tests.Infrastructure;

namespace AppServer.Tests.Login;

/// <summary>API-key login, host-supplied tokens and logout, v2 and v1 (docs/codex-compatibility.md §7, §9.2).</summary>
public sealed class ApiKeyAndLogoutTests : IAsyncLifetime
{
    private IssuerServerFixture _fixture = null!;

    private JsonLineClient Client => _fixture.Client;

    public async Task InitializeAsync() => _fixture = await IssuerServerFixture.CreateAsync();

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task LoginApiKey_V2_RespondsThenCompletedThenUpdated_AndPersists()
    {
        await _fixture.StartServerAsync();

        var result = await Client.CallAsync("account/login/start", new { type = "apiKey", apiKey = "sk-test-key" });
        var completed = await Client.NextNotificationAsync();
        var updated = await Client.NextNotificationAsync();
        var statusChange = await Client.NextNotificationAsync();

        result.ToJsonString().Should().Be("""{"type":"apiKey"}""");
        completed.WithoutStamp().ToJsonString().Should().Be("""{"jsonrpc":"2.0","method":"account/login/completed","params":{"loginId":null,"success":true,"error":null}}""");
        updated.WithoutStamp().ToJsonString().Should().Be("""{"jsonrpc":"2.0","method":"account/updated","params":{"authMode":"apikey","planType":null}}""");
        statusChange.WithoutStamp().ToJsonString().Should().Be("""{"jsonrpc":"2.0","method":"authStatusChange","params":{"authMethod":"apikey"}}""");
        JsonNode.Parse(_fixture.Home.ReadAuthJson())!["OPENAI_API_KEY"]!.GetValue<string>().Should().Be("sk-test-key");
        (await _fixture.StatusAsync(includeToken: true, refreshToken: true)).ToJsonString()
            .Should().Be("""{"authMethod":"apikey","authToken":"sk-test-key","requiresOpenaiAuth":true}""");
    }

    [Fact]
    public async Task LoginApiKey_WhenChatGptIsForced_IsRejected()
    {
        await _fixture.StartServerAsync(s => s with { LoginPolicy = new LoginPolicy(ForcedLoginMethod.ChatGpt, null) });

        var response = await Client.RequestAsync("account/login/start", new { type = "apiKey", apiKey = "sk-x" });

        response["error"]!["code"]!.GetValue<int>().Should().Be(-32600);
        response["error"]!["message"]!.GetValue<string>().Should().Be("API key login is disabled. Use ChatGPT login instead.");
        File.Exists(_fixture.Home.AuthFile).Should().BeFalse();
    }

    [Fact]
    public async Task LoginPolicy_IsReadFromConfigToml()
    {
        File.WriteAllText(Path.Combine(_fixture.Home.Path, "config.toml"), "# admin policy\nforced_login_method = \"chatgpt\"\n\n[profiles.x]\nforced_login_method = \"api\"\n");
        await _fixture.StartServerAsync();

        var response = await Client.RequestAsync("loginApiKey", new { apiKey = "sk-x" });

        response["error"]!["message"]!.GetValue<string>().Should().Be("API key login is disabled. Use ChatGPT login instead.");
    }

    [Fact]
    public async Task LoginApiKey_V1_RespondsEmptyThenUpdatedAndStatusChange_WithoutV2Completion()
    {
        await _fixture.StartServerAsync();

        var result = await Client.CallAsync("loginApiKey", new { apiKey = "sk-v1" });
        var first = await Client.NextNotificationAsync();
        var second = await Client.NextNotificationAsync();

        result.ToJsonString().Should().Be("{}");
        first["method"]!.GetValue<string>().Should().Be("account/updated");
        second.WithoutStamp().ToJsonString().Should().Be("""{"jsonrpc":"2.0","method":"authStatusChange","params":{"authMethod":"apikey"}}""");
        // Signing in from nothing is a health transition too (loggedOut → ok), announced after the change.
        (await Client.NextNotificationAsync())["params"]!["state"]!.GetValue<string>().Should().Be("ok");
        (await Client.TryNextNotificationAsync(TimeSpan.FromMilliseconds(200))).Should().BeNull();
    }

    [Fact]
    public async Task Logout_RemovesAuthJsonAndNotifies()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ApiKey("sk-test-key"));
        await _fixture.StartServerAsync();

        var result = await Client.CallAsync("account/logout");
        var updated = await Client.NextNotificationAsync();

        result.ToJsonString().Should().Be("{}");
        updated.WithoutStamp().ToJsonString().Should().Be("""{"jsonrpc":"2.0","method":"account/updated","params":{"authMode":null,"planType":null}}""");
        File.Exists(_fixture.Home.AuthFile).Should().BeFalse();
        (await Client.CallAsync("account/read", new { })).ToJsonString().Should().Be("""{"account":null,"requiresOpenaiAuth":true}""");
    }

    [Fact]
    public async Task Logout_WhenAlreadyLoggedOut_StillAnnouncesUpdate()
    {
        await _fixture.StartServerAsync();

        await Client.CallAsync("account/logout", new { });

        (await Client.NextNotificationAsync())["method"]!.GetValue<string>().Should().Be("account/updated");
    }

    [Fact]
    public async Task Logout_ClearsAPoisonedSnapshot()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(_fixture.Issuer.IssueCredentials(), DateTimeOffset.UtcNow));
        _fixture.Issuer.SetRefreshMode(RefreshMode.PermanentFailure, "refresh_token_reused");
        await _fixture.StartServerAsync();
        (await _fixture.StatusAsync(refreshToken: true)).Should().ContainKey("refreshFailure");

        await Client.CallAsync("logoutChatGpt");
        await Client.CallAsync("account/login/start", new { type = "apiKey", apiKey = "sk-fresh" });

        (await _fixture.StatusAsync(includeToken: true, refreshToken: true)).ToJsonString()
            .Should().Be("""{"authMethod":"apikey","authToken":"sk-fresh","requiresOpenaiAuth":true}""");
        File.Exists(Path.Combine(_fixture.Home.Path, "appserver-refresh-status.json")).Should().BeFalse();
        _fixture.Issuer.RefreshRequestCount.Should().Be(1);
    }

    [Fact]
    public async Task ExternalTokens_UpdateAccountAndNotify_HeldInMemoryOnly()
    {
        await _fixture.StartServerAsync();
        var access = JwtFactory.Create(new JsonObject
        {
            ["email"] = "embedded@example.com",
            ["exp"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(),
            ["https://api.openai.com/auth"] = new JsonObject { ["chatgpt_plan_type"] = "pro", ["chatgpt_account_id"] = "org-embedded" },
        });

        var result = await Client.CallAsync("account/login/start", new { type = "chatgptAuthTokens", accessToken = access, chatgptAccountId = "org-embedded" });
        var completed = await Client.NextNotificationAsync();
        var updated = await Client.NextNotificationAsync();

        result.ToJsonString().Should().Be("""{"type":"chatgptAuthTokens"}""");
        completed["params"]!.ToJsonString().Should().Be("""{"loginId":null,"success":true,"error":null}""");
        updated["params"]!.ToJsonString().Should().Be("""{"authMode":"chatgptAuthTokens","planType":"pro"}""");
        (await Client.CallAsync("account/read", new { refreshToken = true })).ToJsonString()
            .Should().Be("""{"account":{"type":"chatgpt","email":"embedded@example.com","planType":"pro"},"requiresOpenaiAuth":true}""");
        (await _fixture.StatusAsync(includeToken: true, refreshToken: true))["authToken"]!.GetValue<string>().Should().Be(access);
        File.Exists(_fixture.Home.AuthFile).Should().BeFalse();
        _fixture.Issuer.RefreshRequestCount.Should().Be(0);

        var apiKey = await Client.RequestAsync("account/login/start", new { type = "apiKey", apiKey = "sk-x" });
        apiKey["error"]!["message"]!.GetValue<string>().Should().StartWith("External auth is active.");
    }

    [Fact]
    public async Task ExternalTokens_WithoutExperimentalApi_AreRejected()
    {
        await _fixture.StartServerAsync();
        var plain = _fixture.Server.Connect();
        await plain.InitializeAsync(experimentalApi: false);

        var response = await plain.RequestAsync("account/login/start", new { type = "chatgptAuthTokens", accessToken = "x.y.z", chatgptAccountId = "org" });

        response["error"]!["code"]!.GetValue<int>().Should().Be(-32600);
        response["error"]!["message"]!.GetValue<string>().Should().Be("account/login/start.chatgptAuthTokens requires experimentalApi capability");
    }

    [Fact]
    public async Task ExternalTokens_NotAJwt_GetInternalError()
    {
        await _fixture.StartServerAsync();

        var response = await Client.RequestAsync("account/login/start", new { type = "chatgptAuthTokens", accessToken = "not-a-jwt", chatgptAccountId = "org" });

        response["error"]!["code"]!.GetValue<int>().Should().Be(-32603);
        response["error"]!["message"]!.GetValue<string>().Should().StartWith("failed to set external auth: ");
    }

    [Fact]
    public async Task ExternalTokens_ForWrongWorkspace_AreRejected()
    {
        await _fixture.StartServerAsync(s => s with { LoginPolicy = new LoginPolicy(null, "org-expected") });

        var response = await Client.RequestAsync("account/login/start", new { type = "chatgptAuthTokens", accessToken = "a.b.c", chatgptAccountId = "org-other" });

        response["error"]!["message"]!.GetValue<string>().Should().Be("External auth must use workspace org-expected, but received \"org-other\".");
    }

    [Theory]
    [InlineData("""{}""", "Invalid params: missing required field 'type'")]
    [InlineData("""{"apiKey":"sk-x"}""", "Invalid params: missing required field 'type'")]
    [InlineData("""{"type":"magic"}""", "Invalid params: invalid value for 'type'")]
    [InlineData("""{"type":"APIKEY","apiKey":"sk-x"}""", "Invalid params: invalid value for 'type'")]
    [InlineData("""{"type":5}""", "Invalid params: invalid value for 'type'")]
    [InlineData("""{"type":null}""", "Invalid params: invalid value for 'type'")]
    [InlineData("""{"type":{"type":"apiKey"}}""", "Invalid params: invalid value for 'type'")]
    [InlineData("""[{"type":"apiKey"}]""", "Invalid params: params must be a JSON object")]
    [InlineData("\"apiKey\"", "Invalid params: params must be a JSON object")]
    [InlineData("""7""", "Invalid params: params must be a JSON object")]
    public async Task LoginStart_WithoutAUsableType_GetsInvalidParamsNamingIt(string rawParams, string message)
    {
        await _fixture.StartServerAsync();
        var answer = Client.Expect(JsonValue.Create(900));

        await Client.SendLineAsync($$"""{"id":900,"method":"account/login/start","params":{{rawParams}}}""");

        var error = (await answer.WaitAsync(JsonLineClient.Timeout))["error"]!;
        error.ToJsonString().Should().Be(new JsonObject { ["code"] = -32602, ["message"] = message }.ToJsonString());
        File.Exists(_fixture.Home.AuthFile).Should().BeFalse();
    }

    [Fact]
    public async Task UserInfoAndUserAgent_AreServed()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(_fixture.Issuer.IssueCredentials(email: "me@example.com"), DateTimeOffset.UtcNow));
        await _fixture.StartServerAsync();

        (await Client.CallAsync("userInfo")).ToJsonString().Should().Be("""{"allegedUserEmail":"me@example.com"}""");
        (await Client.CallAsync("getUserAgent"))["userAgent"]!.GetValue<string>().Should().StartWith("appserver-tests/").And.EndWith("(appserver-tests; 0.1.0)");
    }

    [Fact]
    public async Task ApiKey_NeverAppearsInLogs()
    {
        await _fixture.StartServerAsync();

        await Client.CallAsync("account/login/start", new { type = "apiKey", apiKey = "sk-secret-in-transit" });
        await Client.CallAsync("loginApiKey", new { apiKey = "sk-secret-v1" });

        _fixture.Server.Logs.AllText.Should().NotContain("sk-secret-in-transit").And.NotContain("sk-secret-v1");
    }
}
