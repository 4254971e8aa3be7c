using System.Text.Json.Nodes;
using AppServer.Framing;
using MessagePack;

namespace AppServer.Tests.Transport;

/// <summary>
/// Malformed length-prefixed MessagePack, as raw bytes: each case gets one error and the valid
/// frame written right behind it (in the same write) is still answered. StreamJsonRpc's own
/// LengthHeaderMessageHandler would end the connection (or buffer any length) instead.
/// </summary>
public sealed class MessagePackBadInputTests : IAsyncLifetime
{
    private const int Cap = 4096;
    private readonly TransportServer _server = new(options => options with { Encoding = WireEncoding.MessagePack, MaxMessageBytes = Cap });
    private FramedTestClient _client = null!;

    public static TheoryData<string, int, string> MalformedPayloads => new()
    {
        { "c1", -32700, "Parse error: invalid MessagePack" },
        { "83a76a736f6e727063", -32700, "Parse error: invalid MessagePack" },
        { "2a", -32600, "a message must be a map" },
        { Hex("[{\"id\":1,\"method\":\"getAuthStatus\"}]"), -32600, "batch requests are not supported" },
        { Hex("{\"foo\":1}"), -32600, "a message needs a string 'method'" },
        { Hex("{\"id\":1,\"method\":\"getAuthStatus\"}") + "01", -32700, "unexpected data after" },
        { string.Empty, -32700, "Parse error: empty message" },
        { Hex("{\"id\":1,\"method\":\"getAuthStatus\"}")[..^2], -32700, "Parse error: invalid MessagePack" },
        { "83" + Hex("\"id\"") + "01" + Hex("\"method\"") + Hex("\"getAuthStatus\"") + Hex("\"params\"") + string.Concat(Enumerable.Repeat("91", 200)) + "01", -32700, "nesting deeper than 64 levels" },
    };

    public async Task InitializeAsync()
    {
        _client = _server.Connect(WireFraming.LengthPrefixed, WireEncoding.MessagePack);
        await _client.InitializeAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [MemberData(nameof(MalformedPayloads))]
    public async Task MalformedPayload_GetsOneErrorWithNullId_AndTheNextFrameIsAnswered(string payloadHex, int code, string message)
    {
        var next = _client.Expect(JsonValue.Create(100));

        await _client.SendBytesAsync([.. FramedTestClient.Frame(Convert.FromHexString(payloadHex), WireFraming.LengthPrefixed), .. Status(100)]);

        var error = await _client.NextUnmatchedAsync();
        (await next.WaitAsync(FramedTestClient.Timeout)).Should().ContainKey("result");
        error["id"].Should().BeNull();
        error["error"]!["code"]!.GetValue<int>().Should().Be(code);
        error["error"]!["message"]!.GetValue<string>().Should().Contain(message);
        _client.TryTakeUnmatched(out var extra).Should().BeFalse($"one bad frame gets one error, not {extra?.ToJsonString()}");
    }

    [Fact]
    public async Task MapWithIdButNoMethod_GetsInvalidRequestEchoingTheId()
    {
        var response = _client.Expect(JsonValue.Create(77));

        await _client.SendBytesAsync(FramedTestClient.Frame(Convert.FromHexString(Hex("{\"id\":77,\"params\":{}}")), WireFraming.LengthPrefixed));

        (await response.WaitAsync(FramedTestClient.Timeout))["error"]!["code"]!.GetValue<int>().Should().Be(-32600);
    }

    public static TheoryData<string, string> ParamsJsonCannotCarry => new()
    {
        // {"a":<fixext1>}: JSON has no extension types.
        { "81" + Hex("\"a\"") + "d40100", "Invalid params: a MessagePack extension value has no JSON representation" },
        // {"a":NaN}
        { "81" + Hex("\"a\"") + "cb7ff8000000000000", "Invalid params: a NaN or infinite number has no JSON representation" },
        // {nil:1}
        { "81c001", "Invalid params: a map key that is not a string or an integer has no JSON representation" },
    };

    [Theory]
    [MemberData(nameof(ParamsJsonCannotCarry))]
    public async Task ParamsJsonCannotCarry_GetInvalidParamsSayingWhat_AndServingGoesOn(string paramsHex, string message)
    {
        var payload = Convert.FromHexString("83" + Hex("\"id\"") + Hex("78") + Hex("\"method\"") + Hex("\"getAuthStatus\"") + Hex("\"params\"") + paramsHex);
        var response = _client.Expect(JsonValue.Create(78));

        await _client.SendBytesAsync(FramedTestClient.Frame(payload, WireFraming.LengthPrefixed));

        var error = (await response.WaitAsync(FramedTestClient.Timeout))["error"]!;
        error["code"]!.GetValue<int>().Should().Be(-32602);
        error["message"]!.GetValue<string>().Should().Be(message);
        (await _client.CallAsync("getAuthStatus", new JsonObject())).Should().ContainKey("requiresOpenaiAuth");
    }

    [Fact]
    public async Task EnvelopeKeyThatIsNeitherStringNorInteger_GetsInvalidRequestSayingWhat()
    {
        // {"id":80,"method":"getAuthStatus",nil:1}
        var payload = Convert.FromHexString("83" + Hex("\"id\"") + Hex("80") + Hex("\"method\"") + Hex("\"getAuthStatus\"") + "c001");
        var response = _client.Expect(JsonValue.Create(80));

        await _client.SendBytesAsync(FramedTestClient.Frame(payload, WireFraming.LengthPrefixed));

        var error = (await response.WaitAsync(FramedTestClient.Timeout))["error"]!;
        error["code"]!.GetValue<int>().Should().Be(-32600);
        error["message"]!.GetValue<string>().Should().Be("Invalid request: a map key that is not a string or an integer has no JSON representation");
    }

    [Fact]
    public async Task StringThatIsNotUtf8_GetsParseError_AndTheNextFrameIsAnswered()
    {
        // {"id":79,"method":"getAuthStatus","params":{"a":"\xc3("}}
        var payload = Convert.FromHexString("83" + Hex("\"id\"") + Hex("79") + Hex("\"method\"") + Hex("\"getAuthStatus\"") + Hex("\"params\"") + "81" + Hex("\"a\"") + "a2c328");
        var next = _client.Expect(JsonValue.Create(103));

        await _client.SendBytesAsync([.. FramedTestClient.Frame(payload, WireFraming.LengthPrefixed), .. Status(103)]);

        var error = await _client.NextUnmatchedAsync();
        (await next.WaitAsync(FramedTestClient.Timeout)).Should().ContainKey("result");
        error["error"]!["message"]!.GetValue<string>().Should().Be("Parse error: invalid UTF-8");
    }

    [Fact]
    public async Task OversizeFrame_IsRefused_AndExactlyItsBytesAreSkipped()
    {
        // The body holds a complete, valid frame; skipping anything but exactly N bytes would answer 666.
        var body = new byte[Cap + 1000];
        Status(666).CopyTo(body, 100);
        var next = _client.Expect(JsonValue.Create(101));

        await _client.SendBytesAsync(FramedTestClient.LengthPrefix(body.Length));
        var error = await _client.NextUnmatchedAsync();
        foreach (var chunk in body.Chunk(1000))
        {
            await _client.SendBytesAsync(chunk);
        }

        await _client.SendBytesAsync(Status(101));

        (await next.WaitAsync(FramedTestClient.Timeout)).Should().ContainKey("result");
        error["error"]!["code"]!.GetValue<int>().Should().Be(-32600);
        error["error"]!["message"]!.GetValue<string>().Should().Contain($"{Cap}-byte limit");
        _client.ResponsesPerId.Should().NotContainKey("666");
    }

    [Fact]
    public async Task InputEndingInsideALengthPrefix_GetsAnError_AndPendingAnswersAreDrained()
    {
        var (client, serverCompletion) = _server.ConnectHalfClosable(WireFraming.LengthPrefixed, WireEncoding.MessagePack);
        await client.InitializeAsync();
        var pending = client.Expect(JsonValue.Create(102));

        await client.SendBytesAsync([.. Status(102), 0x00, 0x00]);
        await client.CloseInputAsync();

        (await pending.WaitAsync(FramedTestClient.Timeout)).Should().ContainKey("result");
        (await client.NextUnmatchedAsync())["error"]!["message"]!.GetValue<string>().Should().Contain("truncated length prefix");
        await serverCompletion.WaitAsync(FramedTestClient.Timeout);
    }

    private static string Hex(string json) => Convert.ToHexString(MessagePackSerializer.ConvertFromJson(json));

    private static byte[] Status(int id) =>
        FramedTestClient.Frame(FramedTestClient.Request(id, "getAuthStatus", new JsonObject()), WireFraming.LengthPrefixed, WireEncoding.MessagePack);
}
