using System.Text.Json.Nodes;
using AppServer.Testing;
using AppServer.Tests.Infrastructure;

namespace AppServer.Tests.Handshake;

public sealed class InitializeTests : IAsyncLifetime
{
    private readonly TempCodexHome _home = new();
    private InProcessServer _server = null!;

    public Task InitializeAsync()
    {
        _server = InProcessServer.Start(_home.Path);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task Initialize_WithClientInfo_ReturnsUserAgentHomeAndPlatform()
    {
        var result = await _server.Client.InitializeAsync(name: "my-ide");

        result["userAgent"]!.GetValue<string>().Should().StartWith("my-ide/").And.EndWith("(my-ide; 0.1.0)");
        result["codexHome"]!.GetValue<string>().Should().Be(new DirectoryInfo(_home.Path).FullName);
        result["platformFamily"]!.GetValue<string>().Should().Be(OperatingSystem.IsWindows() ? "windows" : "unix");
        result["platformOs"]!.GetValue<string>().Should().BeOneOf("linux", "macos", "windows");
    }

    [Fact]
    public async Task Initialize_CalledTwice_SecondGetsAlreadyInitialized()
    {
        await _server.Client.InitializeAsync();

        var second = await _server.Client.RequestAsync("initialize", new { clientInfo = new { name = "x", version = "1" } });

        second["error"]!["code"]!.GetValue<int>().Should().Be(-32600);
        second["error"]!["message"]!.GetValue<string>().Should().Be("Already initialized");
    }

    [Fact]
    public async Task Request_BeforeInitialize_GetsNotInitialized()
    {
        var response = await _server.Client.RequestAsync("getAuthStatus", new { includeToken = true });

        response["error"]!["code"]!.GetValue<int>().Should().Be(-32600);
        response["error"]!["message"]!.GetValue<string>().Should().Be("Not initialized");
    }

    [Fact]
    public async Task Request_AfterInitialize_IsServed()
    {
        await _server.Client.InitializeAsync();

        var result = await _server.Client.CallAsync("getAuthStatus", new { });

        result.ToJsonString().Should().Be("""{"authMethod":null,"authToken":null,"requiresOpenaiAuth":true}""");
    }

    [Fact]
    public async Task InitializedNotification_IsAcceptedSilently()
    {
        await _server.Client.InitializeAsync();

        await _server.Client.SendLineAsync("""{"method":"initialized"}""");
        var next = await _server.Client.CallAsync("account/read", new { });

        next["account"].Should().BeNull();
        _server.Client.Lines.Should().HaveCount(2, "the notification gets no response of any kind");
    }

    [Theory]
    [InlineData("bad\u0001name")]
    [InlineData("new\nline")]
    [InlineData("del\u007f")]
    public async Task Initialize_WithInvalidHeaderName_IsRejectedAndLeavesConnectionUninitialized(string name)
    {
        var response = await _server.Client.RequestAsync("initialize", new { clientInfo = new { name, version = "1" } });

        response["error"]!["code"]!.GetValue<int>().Should().Be(-32600);
        response["error"]!["message"]!.GetValue<string>().Should().Be($"Invalid clientInfo.name: '{name}'. Must be a valid HTTP header value.");
        (await _server.Client.InitializeAsync()).Should().ContainKey("userAgent");
    }

    [Fact]
    public async Task Initialize_MessageWithJsonRpcMember_IsAcceptedAndAnsweredWithSameIdType()
    {
        var pending = _server.Client.Expect(JsonValue.Create("init-1"));
        await _server.Client.SendLineAsync("""{"jsonrpc":"2.0","id":"init-1","method":"initialize","params":{"clientInfo":{"name":"c","version":"1"}}}""");

        var response = await pending.WaitAsync(JsonLineClient.Timeout);

        response["id"]!.GetValue<string>().Should().Be("init-1");
        response["result"]!["userAgent"].Should().NotBeNull();
    }

    [Fact]
    public async Task Initialize_WithMissingCodexHome_ReturnsInvalidCodexHome()
    {
        await using var server = InProcessServer.Start(Path.Combine(_home.Path, "does-not-exist"));

        var response = await server.Client.RequestAsync("initialize", new { clientInfo = new { name = "c", version = "1" } });

        response["error"]!["code"]!.GetValue<int>().Should().Be(-32603);
        response["error"]!["message"]!.GetValue<string>().Should().StartWith("Invalid CODEX_HOME: ").And.NotContain(_home.Path);
    }
}
