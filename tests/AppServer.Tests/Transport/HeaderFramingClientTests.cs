using System.Text.Json;
using AppServer.Framing;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace AppServer.Tests.Transport;

/// <summary>
/// StreamJsonRpc's own <see cref="HeaderDelimitedMessageHandler"/> (the LSP framing vscode-jsonrpc
/// and LSP4J use) as the client: the server detects Content-Length framing and answers in kind.
/// </summary>
public sealed class HeaderFramingClientTests : IAsyncLifetime
{
    private readonly TransportServer _server = new();
    private readonly TaskCompletionSource<JsonElement> _accountUpdated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private JsonRpc _client = null!;

    public Task InitializeAsync()
    {
        var stream = _server.ConnectStream();
        _client = new JsonRpc(new HeaderDelimitedMessageHandler(stream, stream, new SystemTextJsonFormatter()));
        var onUpdated = new Action<JsonElement>(p => _accountUpdated.TrySetResult(p));
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
    public async Task HeaderClient_InitializeAndStatus_AreAnsweredInHeaderFraming()
    {
        var init = await _client.InvokeWithParameterObjectAsync<JsonElement>("initialize", new { clientInfo = new { name = "lsp-client", version = "2.0" } });
        var status = await _client.InvokeWithParameterObjectAsync<JsonElement>("getAuthStatus", new { includeToken = true });
        var account = await _client.InvokeWithParameterObjectAsync<JsonElement>("account/read", new { });

        init.GetProperty("userAgent").GetString().Should().StartWith("lsp-client/");
        init.GetProperty("codexHome").GetString().Should().Be(new DirectoryInfo(_server.HomePath).FullName);
        status.GetRawText().Should().Be("""{"authMethod":null,"authToken":null,"requiresOpenaiAuth":true}""");
        account.GetRawText().Should().Be("""{"account":null,"requiresOpenaiAuth":true}""");
    }

    [Fact]
    public async Task HeaderClient_NonAsciiClientName_RoundTripsBecauseLengthCountsBytes()
    {
        // "é" is two UTF-8 bytes: a server counting characters would cut the body short (RPC-17).
        var init = await _client.InvokeWithParameterObjectAsync<JsonElement>("initialize", new { clientInfo = new { name = "café", title = "Éditeur café", version = "1.0" } });
        var status = await _client.InvokeWithParameterObjectAsync<JsonElement>("getAuthStatus", new { });

        init.GetProperty("userAgent").GetString().Should().StartWith("café/").And.EndWith("(café; 1.0)");
        status.GetProperty("requiresOpenaiAuth").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task HeaderClient_UnknownMethod_GetsMethodNotFound()
    {
        await _client.InvokeWithParameterObjectAsync<JsonElement>("initialize", new { clientInfo = new { name = "lsp-client", version = "2.0" } });

        var call = () => _client.InvokeWithParameterObjectAsync<JsonElement>("no/such/method", new { });

        (await call.Should().ThrowAsync<RemoteMethodNotFoundException>()).Which.ErrorCode.Should().Be(JsonRpcErrorCode.MethodNotFound);
    }

    [Fact]
    public async Task HeaderClient_BadParams_GetsInvalidParamsNamingTheField()
    {
        await _client.InvokeWithParameterObjectAsync<JsonElement>("initialize", new { clientInfo = new { name = "lsp-client", version = "2.0" } });

        var call = () => _client.InvokeWithParameterObjectAsync<JsonElement>("getAuthStatus", new { includeToken = "yes" });

        // StreamJsonRpc surfaces -32602 as RemoteMethodNotFoundException.
        var error = (await call.Should().ThrowAsync<RemoteMethodNotFoundException>()).Which;
        error.ErrorCode.Should().Be(JsonRpcErrorCode.InvalidParams);
        error.Message.Should().Be("Invalid params: invalid value for 'includeToken'");
    }

    [Fact]
    public async Task HeaderClient_ReceivesAccountNotificationsAsObjects()
    {
        await _client.InvokeWithParameterObjectAsync<JsonElement>("initialize", new { clientInfo = new { name = "lsp-client", version = "2.0" } });
        await _client.InvokeWithParameterObjectAsync<JsonElement>("getAuthStatus", new { });

        _server.Services.Auth.LoginWithApiKey("sk-transport-test");

        var update = await _accountUpdated.Task.WaitAsync(FramedTestClient.Timeout);
        update.GetProperty("authMode").GetString().Should().Be("apikey");
    }
}
