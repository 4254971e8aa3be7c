using System.Text.Json;
using System.Text.Json.Nodes;
using AppServer.DevIssuer;
using AppServer.Framing;
using AppServer.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Nerdbank.Streams;
using StreamJsonRpc;

namespace AppServer.Tests.Transport;

/// <summary>
/// A message shaped like a response to a request the server never sent is dropped, on every wire
/// format: StreamJsonRpc would end the connection on it (and lose every request already read). A
/// response to a request the server did send still reaches its caller.
/// </summary>
public sealed class StrayResponseTests : IAsyncLifetime
{
    private MockIssuer _issuer = null!;

    public static TheoryData<string, string> StrayResponses
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var wire in new[] { "lines", "headers", "msgpack" })
            {
                data.Add(wire, """{"jsonrpc":"2.0","id":5,"result":{"apiKey":"sk-stray-secret"}}""");
                data.Add(wire, """{"id":6,"error":{"code":-32000,"message":"sk-stray-secret"}}""");
                data.Add(wire, """{"id":null,"result":{}}""");
                data.Add(wire, """{"id":null,"error":{"code":1,"message":"x"}}""");
                data.Add(wire, """{"id":7,"result":null,"error":null}""");
                data.Add(wire, """{"id":"never-sent","result":true}""");
                data.Add(wire, """{"result":{}}""");
            }

            return data;
        }
    }

    public async Task InitializeAsync() => _issuer = await MockIssuer.StartAsync();

    public async Task DisposeAsync() => await _issuer.DisposeAsync();

    [Theory]
    [MemberData(nameof(StrayResponses))]
    public async Task ResponseToNoServerRequest_IsIgnored_AndTheRequestsAroundItAreAnswered(string wire, string stray)
    {
        var (framing, encoding) = Wire.Parse(wire);
        await using var server = new TransportServer(options => options with { Encoding = encoding });
        var client = server.Connect(framing, encoding);
        await client.InitializeAsync();
        var before = client.Expect(JsonValue.Create(40));
        var after = client.Expect(JsonValue.Create(41));

        // One write: the request read before the stray line must be answered too.
        await client.SendBytesAsync([
            .. FramedTestClient.Frame(FramedTestClient.Request(40, "getAuthStatus", new JsonObject()), framing, encoding),
            .. FramedTestClient.Frame(JsonNode.Parse(stray)!.AsObject(), framing, encoding),
            .. FramedTestClient.Frame(FramedTestClient.Request(41, "account/read", new JsonObject()), framing, encoding),
        ]);

        (await before.WaitAsync(FramedTestClient.Timeout)).Should().ContainKey("result");
        (await after.WaitAsync(FramedTestClient.Timeout)).Should().ContainKey("result");
        (await client.CallAsync("getAuthStatus", new JsonObject())).Should().ContainKey("requiresOpenaiAuth");
        client.TryTakeUnmatched(out var reply).Should().BeFalse($"a response is never answered, but got {reply?.ToJsonString()}");
        client.ResponsesPerId.Keys.Should().NotContain(["5", "6", "7", "\"never-sent\""]);
        server.Logs.Lines.Should().Contain(l => l.StartsWith("Debug AppServer.Framing: Ignored a response to no request this server sent (id ", StringComparison.Ordinal));
        server.Logs.AllText.Should().NotContain("sk-stray-secret", "only the id of an ignored response is logged");
    }

    [Theory]
    [InlineData("lines")]
    [InlineData("headers")]
    [InlineData("msgpack")]
    public async Task StrayResponse_DuringAHeldRefresh_TheRefreshIsStillAnswered(string wire)
    {
        var (framing, encoding) = Wire.Parse(wire);
        var credentials = _issuer.IssueCredentials();
        await using var server = new TransportServer(
            options => options with { Encoding = encoding },
            settings => settings.UseIssuer(_issuer),
            home => home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow.AddDays(-1))));
        var client = server.Connect(framing, encoding);
        await client.InitializeAsync();
        var gate = _issuer.HoldRefreshes();
        var refresh = client.Expect(JsonValue.Create(70));

        await client.SendAsync(FramedTestClient.Request(70, "getAuthStatus", new JsonObject { ["includeToken"] = true, ["refreshToken"] = true }));
        await _issuer.WaitForRefreshRequestsAsync(1, FramedTestClient.Timeout);
        await client.SendAsync(JsonNode.Parse("""{"id":70,"result":{}}""")!.AsObject());
        var status = await client.CallAsync("getAuthStatus", new JsonObject());
        gate.Release();

        var refreshed = await refresh.WaitAsync(FramedTestClient.Timeout);
        status.Should().ContainKey("authMethod");
        refreshed["result"]!["authToken"]!.GetValue<string>().Should().NotBe(credentials.AccessToken);
        client.ResponsesPerId["70"].Should().Be(1);
    }

    [Theory]
    [InlineData("lines")]
    [InlineData("headers")]
    [InlineData("msgpack")]
    public async Task ResponseToARequestTheServerSent_ReachesItsCaller(string wire)
    {
        var (framing, encoding) = Wire.Parse(wire);
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        using var handler = new FramedMessageHandler(serverStream, serverStream, PayloadCodec.For(encoding), new FramingOptions { Encoding = encoding }, NullLogger.Instance);
        using var rpc = new JsonRpc(handler);
        rpc.StartListening();
        await using var client = new FramedTestClient(clientStream, clientStream, framing, encoding);
        // The server's framing is known once the client has spoken (JSON detects it).
        await client.SendAsync(JsonNode.Parse("""{"id":"stray","result":{}}""")!.AsObject());

        using var noParams = JsonDocument.Parse("{}");
        var call = rpc.InvokeWithParameterObjectAsync<JsonElement>("client/ping", noParams.RootElement);
        var request = await client.NextRequestAsync();
        await client.SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = request["id"]!.DeepClone(), ["result"] = new JsonObject { ["pong"] = true } });

        var result = await call.WaitAsync(FramedTestClient.Timeout);
        request["method"]!.GetValue<string>().Should().Be("client/ping");
        result.GetProperty("pong").GetBoolean().Should().BeTrue();
        rpc.IsDisposed.Should().BeFalse("neither the stray response nor the real one ends the connection");
    }
}
