using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using AppServer.Auth.Config;
using AppServer.DevIssuer;
using AppServer.Testing;
using AppServer.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace AppServer.Tests.Login;

/// <summary>Browser and device-code logins through JSON-RPC, against the loopback issuer (docs/codex-compatibility.md §7.2, §8; docs/failure-modes.md §3.12).</summary>
public sealed class ChatGptLoginTests : IAsyncLifetime
{
    private const string NotCompleted = "Login server error: Login was not completed";
    private IssuerServerFixture _fixture = null!;
    private readonly BrowserDriver _browser = new();

    private JsonLineClient Client => _fixture.Client;

    private MockIssuer Issuer => _fixture.Issuer;

    public async Task InitializeAsync() => _fixture = await IssuerServerFixture.CreateAsync();

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _fixture.DisposeAsync();
    }

    [Fact]
    public async Task BrowserLogin_V2_Succeeds_ThenCompletedThenUpdated_AndPersists()
    {
        await _fixture.StartServerAsync();

        var start = await Client.CallAsync("account/login/start", new { type = "chatgpt" });
        var loginId = start["loginId"]!.GetValue<string>();
        var authUrl = start["authUrl"]!.GetValue<string>();
        await _browser.SignInAsync(authUrl);
        var completed = await Client.NextNotificationAsync();
        var updated = await Client.NextNotificationAsync();

        start["type"]!.GetValue<string>().Should().Be("chatgpt");
        Guid.TryParse(loginId, out _).Should().BeTrue();
        authUrl.Should().StartWith($"{Issuer.Issuer}/oauth/authorize?response_type=code&client_id=app_EMoamEEZ73f0CkXaXp7hrann&redirect_uri=http%3A%2F%2Flocalhost");
        completed.WithoutStamp().ToJsonString().Should().Be($$$"""{"jsonrpc":"2.0","method":"account/login/completed","params":{"loginId":"{{{loginId}}}","success":true,"error":null}}""");
        updated["method"]!.GetValue<string>().Should().Be("account/updated");
        updated["params"]!["authMode"]!.GetValue<string>().Should().Be("chatgpt");
        var onDisk = JsonNode.Parse(_fixture.Home.ReadAuthJson())!;
        onDisk["auth_mode"]!.GetValue<string>().Should().Be("chatgpt");
        onDisk["OPENAI_API_KEY"]!.GetValue<string>().Should().StartWith("sk-mock-");
        (await Client.CallAsync("account/read", new { }))["account"]!["type"]!.GetValue<string>().Should().Be("chatgpt");
    }

    [Fact]
    public async Task BrowserLogin_V1_CompletesWithLoginChatGptComplete()
    {
        await _fixture.StartServerAsync();

        var start = await Client.CallAsync("loginChatGpt");
        await _browser.SignInAsync(start["authUrl"]!.GetValue<string>());
        var completed = await Client.NextNotificationAsync();
        var updated = await Client.NextNotificationAsync();
        var statusChange = await Client.NextNotificationAsync();

        completed.WithoutStamp().ToJsonString().Should().Be($$$"""{"jsonrpc":"2.0","method":"loginChatGptComplete","params":{"loginId":"{{{start["loginId"]}}}","success":true,"error":null}}""");
        updated["method"]!.GetValue<string>().Should().Be("account/updated");
        statusChange.WithoutStamp().ToJsonString().Should().Be("""{"jsonrpc":"2.0","method":"authStatusChange","params":{"authMethod":"chatgpt"}}""");
    }

    [Fact]
    public async Task BrowserLogin_CancelledBeforeCallback_ReportsFailureWithoutUpdate()
    {
        await _fixture.StartServerAsync();
        var start = await Client.CallAsync("account/login/start", new { type = "chatgpt" });
        var loginId = start["loginId"]!.GetValue<string>();

        var cancel = await Client.CallAsync("account/login/cancel", new { loginId });
        var completed = await Client.NextNotificationAsync();

        cancel.ToJsonString().Should().Be("""{"status":"canceled"}""");
        completed["params"]!.ToJsonString().Should().Be($$"""{"loginId":"{{loginId}}","success":false,"error":"{{NotCompleted}}"}""");
        (await Client.TryNextNotificationAsync(TimeSpan.FromMilliseconds(500))).Should().BeNull();
        File.Exists(_fixture.Home.AuthFile).Should().BeFalse();
        (await Client.CallAsync("account/login/cancel", new { loginId })).ToJsonString().Should().Be("""{"status":"notFound"}""");
    }

    [Fact]
    public async Task BrowserLogin_CancelledAfterCompletion_IsNotFound()
    {
        await _fixture.StartServerAsync();
        var start = await Client.CallAsync("account/login/start", new { type = "chatgpt" });
        await _browser.SignInAsync(start["authUrl"]!.GetValue<string>());
        await Client.NextNotificationAsync();

        var cancel = await Client.CallAsync("account/login/cancel", new { loginId = start["loginId"]!.GetValue<string>() });

        cancel.ToJsonString().Should().Be("""{"status":"notFound"}""");
    }

    [Fact]
    public async Task NewLogin_ReplacesActiveOne_OldIdIsNotFound()
    {
        await _fixture.StartServerAsync();
        var first = await Client.CallAsync("account/login/start", new { type = "chatgpt" });
        await Client.CallAsync("account/login/start", new { type = "chatgpt" });

        var cancelled = await Client.NextNotificationAsync();
        var cancel = await Client.CallAsync("account/login/cancel", new { loginId = first["loginId"]!.GetValue<string>() });

        cancelled["params"]!["loginId"]!.GetValue<string>().Should().Be(first["loginId"]!.GetValue<string>());
        cancelled["params"]!["success"]!.GetValue<bool>().Should().BeFalse();
        cancel.ToJsonString().Should().Be("""{"status":"notFound"}""");
    }

    [Fact]
    public async Task ApiKeyLogin_CancelsActiveBrowserLogin()
    {
        await _fixture.StartServerAsync();
        var browser = await Client.CallAsync("account/login/start", new { type = "chatgpt" });

        await Client.CallAsync("account/login/start", new { type = "apiKey", apiKey = "sk-over" });
        var notifications = new[] { await Client.NextNotificationAsync(), await Client.NextNotificationAsync() };

        notifications.Should().Contain(n => n["method"]!.GetValue<string>() == "account/login/completed"
            && (string?)n["params"]!["loginId"] == browser["loginId"]!.GetValue<string>()
            && !n["params"]!["success"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Cancel_WithNonUuidId_IsInvalidRequest()
    {
        await _fixture.StartServerAsync();

        var v2 = await Client.RequestAsync("account/login/cancel", new { loginId = "not-a-uuid" });
        var v1 = await Client.RequestAsync("cancelLoginChatGpt", new { loginId = Guid.NewGuid().ToString() });

        v2["error"]!["message"]!.GetValue<string>().Should().Be("invalid login id: not-a-uuid");
        v1["error"]!["code"]!.GetValue<int>().Should().Be(-32600);
        v1["error"]!["message"]!.GetValue<string>().Should().StartWith("login id not found: ");
    }

    [Fact]
    public async Task BrowserLogin_WhenApiKeyIsForced_IsRejected()
    {
        await _fixture.StartServerAsync(s => s with { LoginPolicy = new LoginPolicy(ForcedLoginMethod.Api, null) });

        var v2 = await Client.RequestAsync("account/login/start", new { type = "chatgpt" });
        var v1 = await Client.RequestAsync("loginChatGpt");

        v2["error"]!["message"]!.GetValue<string>().Should().Be("ChatGPT login is disabled. Use API key login instead.");
        v1["error"]!["message"]!.GetValue<string>().Should().Be("ChatGPT login is disabled. Use API key login instead.");
    }

    [Fact]
    public async Task BrowserLogin_WithForcedWorkspace_PutsItInTheAuthorizeUrl()
    {
        await _fixture.StartServerAsync(s => s with { LoginPolicy = new LoginPolicy(null, "ws-forced") });

        var start = await Client.CallAsync("account/login/start", new { type = "chatgpt" });

        start["authUrl"]!.GetValue<string>().Should().Contain("allowed_workspace_id=ws-forced");
    }

    [Fact]
    public async Task BrowserLogin_PortHeldByAnotherProgram_FailsToStart()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        await _fixture.StartServerAsync(s => s with { Login = s.Login with { Port = port } });

        var response = await Client.RequestAsync("account/login/start", new { type = "chatgpt" });

        response["error"]!["code"]!.GetValue<int>().Should().Be(-32603);
        response["error"]!["message"]!.GetValue<string>().Should().Be($"failed to start login server: Port 127.0.0.1:{port} is already in use");
    }

    [Fact]
    public async Task BrowserLogin_LeftUnfinished_TimesOutAfterTenMinutes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await _fixture.StartServerAsync(s => s with { TimeProvider = clock, WatchAuthFile = false });
        var start = await Client.CallAsync("account/login/start", new { type = "chatgpt" });

        clock.Advance(TimeSpan.FromMinutes(10));
        var completed = await Client.NextNotificationAsync();

        completed["params"]!.ToJsonString().Should().Be($$"""{"loginId":"{{start["loginId"]}}","success":false,"error":"Login timed out"}""");
        (await Client.TryNextNotificationAsync(TimeSpan.FromMilliseconds(300))).Should().BeNull();
    }

    [Fact]
    public async Task DeviceCode_Succeeds_WithOneCodeExchange()
    {
        await _fixture.StartServerAsync();

        var start = await Client.CallAsync("account/login/start", new { type = "chatgptDeviceCode" });
        Issuer.ApproveDeviceCode(start["userCode"]!.GetValue<string>(), Issuer.IssueCredentials(plan: "pro"));
        var completed = await Client.NextNotificationAsync();
        var updated = await Client.NextNotificationAsync();

        start["type"]!.GetValue<string>().Should().Be("chatgptDeviceCode");
        start["verificationUrl"]!.GetValue<string>().Should().Be($"{Issuer.Issuer}/codex/device");
        completed["params"]!["success"]!.GetValue<bool>().Should().BeTrue();
        updated["params"]!.ToJsonString().Should().Be("""{"authMode":"chatgpt","planType":"pro"}""");
        JsonNode.Parse(_fixture.Home.ReadAuthJson())!["OPENAI_API_KEY"].Should().BeNull();
        Issuer.RequestCount("/oauth/token").Should().Be(1);
    }

    [Fact]
    public async Task DeviceCode_NotEnabled_IsInvalidRequestWithoutCompletion()
    {
        Issuer.EnqueueResponse(IssuerEndpoint.DeviceUserCode, MockResponse.Empty(404));
        await _fixture.StartServerAsync();

        var response = await Client.RequestAsync("account/login/start", new { type = "chatgptDeviceCode" });

        response["error"]!["code"]!.GetValue<int>().Should().Be(-32600);
        response["error"]!["message"]!.GetValue<string>().Should().Contain("device code login is not enabled");
        (await Client.TryNextNotificationAsync(TimeSpan.FromMilliseconds(300))).Should().BeNull();
        File.Exists(_fixture.Home.AuthFile).Should().BeFalse();
    }

    [Fact]
    public async Task DeviceCode_PollFails_ReportsFailureWithoutUpdate()
    {
        Issuer.EnqueueResponse(IssuerEndpoint.DeviceToken, MockResponse.Json(500, "{}"));
        await _fixture.StartServerAsync();

        await Client.CallAsync("account/login/start", new { type = "chatgptDeviceCode" });
        var completed = await Client.NextNotificationAsync();

        completed["params"]!["success"]!.GetValue<bool>().Should().BeFalse();
        completed["params"]!["error"]!.GetValue<string>().Should().Contain("device auth failed with status");
        (await Client.TryNextNotificationAsync(TimeSpan.FromMilliseconds(300))).Should().BeNull();
        File.Exists(_fixture.Home.AuthFile).Should().BeFalse();
    }

    [Fact]
    public async Task DeviceCode_Cancelled_ReportsFailureWithoutUpdate()
    {
        await _fixture.StartServerAsync();
        var start = await Client.CallAsync("account/login/start", new { type = "chatgptDeviceCode" });

        var cancel = await Client.CallAsync("account/login/cancel", new { loginId = start["loginId"]!.GetValue<string>() });
        var completed = await Client.NextNotificationAsync();

        cancel.ToJsonString().Should().Be("""{"status":"canceled"}""");
        completed["params"]!["success"]!.GetValue<bool>().Should().BeFalse();
        completed["params"]!["error"].Should().NotBeNull();
        (await Client.TryNextNotificationAsync(TimeSpan.FromMilliseconds(300))).Should().BeNull();
        File.Exists(_fixture.Home.AuthFile).Should().BeFalse();
    }

    [Fact]
    public async Task Logins_NeverLogCodesStatesOrTokens()
    {
        await _fixture.StartServerAsync();
        var start = await Client.CallAsync("account/login/start", new { type = "chatgpt" });
        var (callback, _) = await _browser.SignInAsync(start["authUrl"]!.GetValue<string>());
        await Client.NextNotificationAsync();

        var code = BrowserDriver.Query(callback.ToString(), "code");
        var state = BrowserDriver.Query(callback.ToString(), "state");
        var tokens = JsonNode.Parse(_fixture.Home.ReadAuthJson())!["tokens"]!;
        _fixture.Server.Logs.AllText.Should().NotContainAny(code, state, tokens["access_token"]!.GetValue<string>(), tokens["refresh_token"]!.GetValue<string>());
    }
}
