using System.Text.Json.Nodes;
using AppServer.Framing;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace AppServer.Tests.Transport;

/// <summary>
/// StreamJsonRpc's <see cref="MessagePackFormatter"/> over <see cref="LengthHeaderMessageHandler"/>
/// as the client of a server started with <c>--encoding msgpack</c>. The client uses MessagePack's
/// standard resolvers only (dictionaries, strings, numbers), nothing from the server.
/// </summary>
public sealed class MessagePackClientTests : IAsyncLifetime
{
    private readonly TransportServer _server = new(framing => framing with { Encoding = WireEncoding.MessagePack });
    private readonly TaskCompletionSource<Dictionary<string, object?>> _accountUpdated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private JsonRpc _client = null!;

    public Task InitializeAsync()
    {
        var stream = _server.ConnectStream();
        _client = new JsonRpc(new LengthHeaderMessageHandler(stream, stream, new MessagePackFormatter()));
        var onUpdated = new Action<Dictionary<string, object?>>(p => _accountUpdated.TrySetResult(p));
        _client.AddLocalRpcMethod(onUpdated.Method, onUpdated.Target, new JsonRpcMethodAttribute("account/updated") { UseSingleObjectParameterDeserialization = true });
        _client.StartListening();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task MessagePackClient_InitializeStatusAndAccount_AreServed()
    {
        var init = await InitializeAsync("msgpack-harness");
        var status = await CallAsync("getAuthStatus", new() { ["includeToken"] = true });
        var account = await CallAsync("account/read", []);

        init["userAgent"].Should().BeOfType<string>().Which.Should().StartWith("msgpack-harness/");
        init["codexHome"].Should().Be(new DirectoryInfo(_server.HomePath).FullName);
        init["platformFamily"].Should().Be(OperatingSystem.IsWindows() ? "windows" : "unix");
        status.Should().BeEquivalentTo(new Dictionary<string, object?> { ["authMethod"] = null, ["authToken"] = null, ["requiresOpenaiAuth"] = true });
        account.Should().BeEquivalentTo(new Dictionary<string, object?> { ["account"] = null, ["requiresOpenaiAuth"] = true });
    }

    [Fact]
    public async Task MessagePackClient_RequestBeforeInitialize_GetsNotInitialized()
    {
        var call = () => CallAsync("getAuthStatus", []);

        var error = (await call.Should().ThrowAsync<RemoteInvocationException>()).Which;
        error.ErrorCode.Should().Be(-32600);
        error.Message.Should().Be("Not initialized");
        error.ErrorData.Should().BeNull();
    }

    [Fact]
    public async Task MessagePackClient_BadParamType_GetsInvalidParamsNamingTheField()
    {
        await InitializeAsync("msgpack-harness");

        var call = () => CallAsync("getAuthStatus", new() { ["includeToken"] = "yes" });

        var error = (await call.Should().ThrowAsync<RemoteMethodNotFoundException>()).Which;
        error.ErrorCode.Should().Be(JsonRpcErrorCode.InvalidParams);
        error.Message.Should().Be("Invalid params: invalid value for 'includeToken'");
    }

    [Fact]
    public async Task MessagePackClient_UnknownMethod_GetsMethodNotFound()
    {
        await InitializeAsync("msgpack-harness");

        var call = () => CallAsync("no/such/method", []);

        (await call.Should().ThrowAsync<RemoteMethodNotFoundException>()).Which.ErrorCode.Should().Be(JsonRpcErrorCode.MethodNotFound);
    }

    [Fact]
    public async Task MessagePackClient_NonAsciiClientName_RoundTrips()
    {
        var init = await InitializeAsync("café");

        init["userAgent"].Should().BeOfType<string>().Which.Should().StartWith("café/");
    }

    [Fact]
    public async Task MessagePackClient_ReceivesAccountUpdatedAsAMap()
    {
        await InitializeAsync("msgpack-harness");
        await CallAsync("getAuthStatus", []);

        _server.Services.Auth.LoginWithApiKey("sk-msgpack-test");

        var update = await _accountUpdated.Task.WaitAsync(FramedTestClient.Timeout);
        update.Should().BeEquivalentTo(new Dictionary<string, object?> { ["authMode"] = "apikey", ["planType"] = null });
    }

    [Fact]
    public async Task MessagePackClient_ParallelCalls_AreAllAnswered()
    {
        await InitializeAsync("msgpack-harness");

        var calls = Enumerable.Range(0, 200).Select(_ => CallAsync("getAuthStatus", []));
        var answers = await Task.WhenAll(calls);

        answers.Should().HaveCount(200).And.OnlyContain(a => Equals(a["requiresOpenaiAuth"], true));
    }

    [Fact]
    public async Task MessagePackServer_ErrorsOnTheWire_CarryNilData()
    {
        await using var server = new TransportServer(framing => framing with { Encoding = WireEncoding.MessagePack });
        var raw = server.Connect(WireFraming.LengthPrefixed, WireEncoding.MessagePack);

        var notInitialized = await raw.RequestAsync("getAuthStatus", new JsonObject());
        await raw.InitializeAsync();
        var unknown = await raw.RequestAsync("no/such/method", new JsonObject());
        var badParams = await raw.RequestAsync("getAuthStatus", new JsonObject { ["includeToken"] = 5 });

        // MessagePackFormatter always writes "data" (its client needs the key); it must hold nothing.
        foreach (var response in new[] { notInitialized, unknown, badParams })
        {
            var error = response["error"]!.AsObject();
            error.Select(p => p.Key).Should().BeEquivalentTo(["code", "message", "data"], response.ToJsonString());
            error["data"].Should().BeNull();
        }

        badParams["error"]!["code"]!.GetValue<int>().Should().Be(-32602);
    }

    [Fact]
    public async Task MessagePackServer_CodexStyleRequest_StringIdAndNoVersion_GetsTheEnvelopeMessagePackFormatterWrites()
    {
        await using var server = new TransportServer(framing => framing with { Encoding = WireEncoding.MessagePack });
        var raw = server.Connect(WireFraming.LengthPrefixed, WireEncoding.MessagePack);
        await raw.InitializeAsync();
        var response = raw.Expect(JsonValue.Create("status-1"));

        // No "jsonrpc" member, a string id: what a hand-written (Codex-style) client sends.
        await raw.SendAsync(new JsonObject { ["id"] = "status-1", ["method"] = "getAuthStatus", ["params"] = new JsonObject() });

        var answer = await response.WaitAsync(FramedTestClient.Timeout);
        answer.Select(p => p.Key).Should().BeEquivalentTo(["jsonrpc", "id", "result"], answer.ToJsonString());
        answer["jsonrpc"]!.GetValue<string>().Should().Be("2.0");
        answer["id"]!.GetValue<string>().Should().Be("status-1");
        answer["result"]!["requiresOpenaiAuth"]!.GetValue<bool>().Should().BeTrue();
    }

    private Task<Dictionary<string, object?>> InitializeAsync(string name) =>
        CallAsync("initialize", new() { ["clientInfo"] = new Dictionary<string, object?> { ["name"] = name, ["version"] = "1.0" } });

    private Task<Dictionary<string, object?>> CallAsync(string method, Dictionary<string, object?> parameters) =>
        _client.InvokeWithParameterObjectAsync<Dictionary<string, object?>>(method, parameters);
}
