using System.Text;
using AppServer.Testing;
using AppServer.Tests.Infrastructure;

namespace AppServer.Tests.Framing;

/// <summary>Malformed frames get an error and the connection goes on serving (docs/failure-modes.md RPC-02..07).</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private readonly TempCodexHome _home = new();
    private InProcessServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = InProcessServer.Start(_home.Path, settings => settings with { Framing = settings.Framing with { MaxMessageBytes = 4096 } });
        await _server.Client.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _home.Dispose();
    }

    [Theory]
    [InlineData("not json at all", -32700)]
    [InlineData("{\"id\":1,\"method\":", -32700)]
    [InlineData("[{\"id\":1,\"method\":\"getAuthStatus\"}]", -32600)]
    [InlineData("42", -32600)]
    [InlineData("\"x\"", -32600)]
    [InlineData("{\"foo\":1}", -32600)]
    [InlineData("{\"id\":1} {\"id\":2}", -32700)]
    public async Task MalformedLine_GetsErrorWithNullId_AndNextRequestIsAnswered(string line, int expectedCode)
    {
        await _server.Client.SendLineAsync(line);

        var error = await _server.Client.NextUnmatchedAsync();
        var next = await _server.Client.CallAsync("getAuthStatus", new { });

        error["error"]!["code"]!.GetValue<int>().Should().Be(expectedCode);
        error["id"].Should().BeNull();
        next.Should().ContainKey("authMethod");
    }

    [Fact]
    public async Task ObjectWithIdButNoMethod_GetsInvalidRequestEchoingTheId()
    {
        var pending = _server.Client.Expect(System.Text.Json.Nodes.JsonValue.Create(77));

        await _server.Client.SendLineAsync("""{"id":77,"params":{}}""");

        var response = await pending.WaitAsync(JsonLineClient.Timeout);
        response["error"]!["code"]!.GetValue<int>().Should().Be(-32600);
    }

    [Fact]
    public async Task InvalidUtf8_GetsParseError_AndConnectionContinues()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"id\":5,\"method\":\"getAuthStatus\",\"params\":{\"x\":\"").Concat(new byte[] { 0xFF, 0xFE }).Concat(Encoding.UTF8.GetBytes("\"}}\n")).ToArray();

        await _server.Client.SendBytesAsync(bytes);

        (await _server.Client.NextUnmatchedAsync())["error"]!["code"]!.GetValue<int>().Should().Be(-32700);
        (await _server.Client.CallAsync("getAuthStatus", new { })).Should().ContainKey("authMethod");
    }

    [Fact]
    public async Task OversizedLine_IsRefusedWithoutBufferingIt_AndConnectionContinues()
    {
        var huge = "{\"id\":9,\"method\":\"getAuthStatus\",\"params\":{\"pad\":\"" + new string('a', 50_000) + "\"}}";

        await _server.Client.SendLineAsync(huge);

        var error = await _server.Client.NextUnmatchedAsync();
        error["error"]!["code"]!.GetValue<int>().Should().Be(-32600);
        error["error"]!["message"]!.GetValue<string>().Should().Contain("4096-byte limit");
        (await _server.Client.CallAsync("getAuthStatus", new { })).Should().ContainKey("authMethod");
    }

    [Fact]
    public async Task CrLfLineEndings_AreAccepted()
    {
        var pending = _server.Client.Expect(System.Text.Json.Nodes.JsonValue.Create(31));

        await _server.Client.SendBytesAsync(Encoding.UTF8.GetBytes("{\"id\":31,\"method\":\"account/read\",\"params\":{}}\r\n"));

        (await pending.WaitAsync(JsonLineClient.Timeout))["result"].Should().NotBeNull();
    }

    [Fact]
    public async Task EveryServerLine_IsOneValidJsonRpcMessage()
    {
        await _server.Client.SendLineAsync("garbage");
        await _server.Client.NextUnmatchedAsync();
        await _server.Client.CallAsync("getAuthStatus", new { includeToken = true });

        foreach (var line in _server.Client.Lines)
        {
            var message = System.Text.Json.Nodes.JsonNode.Parse(line)!.AsObject();
            (message.ContainsKey("result") || message.ContainsKey("error") || message.ContainsKey("method")).Should().BeTrue(line);
        }
    }
}
