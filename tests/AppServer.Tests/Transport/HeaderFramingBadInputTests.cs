using System.Text;
using System.Text.Json.Nodes;
using AppServer.Framing;

namespace AppServer.Tests.Transport;

/// <summary>
/// Malformed Content-Length input, as raw bytes: each case gets one error with <c>id: null</c> and
/// the valid frame written right behind it (in the same write) is still answered.
/// </summary>
public sealed class HeaderFramingBadInputTests : IAsyncLifetime
{
    private const int Cap = 4096;
    private readonly TransportServer _server = new(options => options with { MaxMessageBytes = Cap });
    private FramedTestClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = _server.Connect(WireFraming.Headers);
        await _client.InitializeAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("Content-Length: abc\r\n\r\n{}", -32600, "Content-Length must be a non-negative integer")]
    [InlineData("Content-Length: -5\r\n\r\n{}", -32600, "Content-Length must be a non-negative integer")]
    [InlineData("Content-Length: +2\r\n\r\n{}", -32600, "Content-Length must be a non-negative integer")]
    [InlineData("Content-Length: 99999999999999999999999\r\n\r\n{}", -32600, "Content-Length must be a non-negative integer")]
    [InlineData("Content-Length: 9223372036854775807\r\n\r\n{}", -32600, "Content-Length must be a non-negative integer no larger than 2147483647")]
    [InlineData("Content-Length: 9223372036854775808\r\n\r\n{}", -32600, "Content-Length must be a non-negative integer no larger than 2147483647")]
    [InlineData("Content-Length: 18446744073709551616\r\n\r\n{}", -32600, "Content-Length must be a non-negative integer no larger than 2147483647")]
    [InlineData("Content-Length: 4294967296\r\n\r\n{}", -32600, "Content-Length must be a non-negative integer no larger than 2147483647")]
    [InlineData("Content-Length: 2147483648\r\n\r\n{}", -32600, "Content-Length must be a non-negative integer no larger than 2147483647")]
    [InlineData("Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", -32600, "conflicting Content-Length headers")]
    [InlineData("Content-Type: application/json\r\n\r\n{}", -32600, "missing Content-Length header")]
    [InlineData("Content-Length 2\r\n\r\n{}", -32600, "malformed header line")]
    [InlineData("{\"id\":7,\"method\":\"getAuthStatus\",\"params\":{}}", -32600, "malformed header line")]
    [InlineData("Content-Length: 8\r\n{\"id\":7}", -32600, "malformed header line")]
    [InlineData("Content-Length: 8\r\n\r\nnot json", -32700, "Parse error")]
    [InlineData("Content-Length: 0\r\n\r\n", -32700, "Parse error: empty message")]
    [InlineData("Content-Length: 2\r\n\r\n42", -32600, "a message must be a JSON object")]
    [InlineData("Content-Length: 9\r\n\r\n{\"foo\":1}", -32600, "a message needs a string 'method'")]
    [InlineData("Content-Length: 35\r\n\r\n[{\"id\":1,\"method\":\"getAuthStatus\"}]", -32600, "batch requests are not supported")]
    public async Task MalformedFrame_GetsOneErrorWithNullId_AndTheNextFrameIsAnswered(string bad, int code, string message)
    {
        var next = _client.Expect(JsonValue.Create(100));

        await _client.SendBytesAsync([.. Encoding.UTF8.GetBytes(bad), .. Status(100)]);

        var error = await _client.NextUnmatchedAsync();
        (await next.WaitAsync(FramedTestClient.Timeout)).Should().ContainKey("result");
        error["id"].Should().BeNull();
        error["error"]!["code"]!.GetValue<int>().Should().Be(code);
        error["error"]!["message"]!.GetValue<string>().Should().Contain(message);
        error["error"]!.AsObject().Should().NotContainKey("data");
        _client.TryTakeUnmatched(out var extra).Should().BeFalse($"one bad frame gets one error, not {extra?.ToJsonString()}");
    }

    [Fact]
    public async Task HeaderBlockWithoutEnd_IsRefusedOnceOverTheLimit_AndTheNextFrameIsAnswered()
    {
        var garbage = "X-Padding: " + new string('a', 20_000) + "\r\n\r\n";
        var next = _client.Expect(JsonValue.Create(106));

        await _client.SendBytesAsync([.. Encoding.ASCII.GetBytes(garbage), .. Status(106)]);

        var error = await _client.NextUnmatchedAsync();
        (await next.WaitAsync(FramedTestClient.Timeout)).Should().ContainKey("result");
        error["error"]!["message"]!.GetValue<string>().Should().Contain("header block longer than");
        _client.TryTakeUnmatched(out _).Should().BeFalse();
    }

    [Fact]
    public async Task InvalidUtf8Body_GetsParseError_AndTheNextFrameIsAnswered()
    {
        byte[] body = [.. "{\"id\":5,\"method\":\"x\",\"params\":{\"a\":\""u8, 0xFF, 0xFE, .. "\"}}"u8];
        var next = _client.Expect(JsonValue.Create(101));

        await _client.SendBytesAsync([.. FramedTestClient.Frame(body, WireFraming.Headers), .. Status(101)]);

        (await _client.NextUnmatchedAsync())["error"]!["code"]!.GetValue<int>().Should().Be(-32700);
        (await next.WaitAsync(FramedTestClient.Timeout)).Should().ContainKey("result");
    }

    [Fact]
    public async Task ObjectWithIdButNoMethod_GetsInvalidRequestEchoingTheId()
    {
        var response = _client.Expect(JsonValue.Create("abc"));

        await _client.SendBytesAsync(FramedTestClient.Frame(Encoding.UTF8.GetBytes("""{"id":"abc","params":{}}"""), WireFraming.Headers));

        (await response.WaitAsync(FramedTestClient.Timeout))["error"]!["code"]!.GetValue<int>().Should().Be(-32600);
    }

    [Fact]
    public async Task OversizeFrame_IsRefusedBeforeItsBodyArrives_AndExactlyItsBytesAreSkipped()
    {
        // The body holds a complete, valid frame: had the server resynced inside it instead of
        // skipping exactly N bytes, request 666 would be answered.
        var smuggled = Status(666);
        var body = new byte[Cap + 1000];
        Array.Fill(body, (byte)' ');
        smuggled.CopyTo(body, 100);
        var next = _client.Expect(JsonValue.Create(102));

        await _client.SendBytesAsync(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
        var error = await _client.NextUnmatchedAsync();
        foreach (var chunk in body.Chunk(1000))
        {
            await _client.SendBytesAsync(chunk);
        }

        await _client.SendBytesAsync(Status(102));

        (await next.WaitAsync(FramedTestClient.Timeout)).Should().ContainKey("result");
        error["error"]!["code"]!.GetValue<int>().Should().Be(-32600);
        error["error"]!["message"]!.GetValue<string>().Should().Contain($"{Cap}-byte limit");
        _client.ResponsesPerId.Should().NotContainKey("666");
    }

    [Fact]
    public async Task OtherHeadersAndLowercaseName_AreAccepted()
    {
        var body = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":103,"method":"account/read","params":{}}""");
        var response = _client.Expect(JsonValue.Create(103));

        await _client.SendBytesAsync([.. Encoding.ASCII.GetBytes($"content-length: {body.Length}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n"), .. body]);

        (await response.WaitAsync(FramedTestClient.Timeout)).Should().ContainKey("result");
    }

    [Fact]
    public async Task NonAsciiBody_LengthCountedInBytes_IsServed()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":104,"method":"getAuthStatus","params":{"note":"café é"}}""");
        var response = _client.Expect(JsonValue.Create(104));

        await _client.SendBytesAsync(FramedTestClient.Frame(body, WireFraming.Headers));

        (await response.WaitAsync(FramedTestClient.Timeout)).Should().ContainKey("result");
    }

    [Fact]
    public async Task InputEndingInsideABody_GetsAnError_PendingAnswersAreDrained_AndOutputEnds()
    {
        var (client, serverCompletion) = _server.ConnectHalfClosable(WireFraming.Headers);
        await client.InitializeAsync();
        var pending = client.Expect(JsonValue.Create(105));

        await client.SendBytesAsync([.. Status(105), .. "Content-Length: 100\r\n\r\n{\"id\":"u8]);
        await client.CloseInputAsync();

        (await pending.WaitAsync(FramedTestClient.Timeout)).Should().ContainKey("result");
        (await client.NextUnmatchedAsync())["error"]!["message"]!.GetValue<string>().Should().Contain("truncated body");
        await serverCompletion.WaitAsync(FramedTestClient.Timeout);
    }

    private static byte[] Status(int id) =>
        FramedTestClient.Frame(FramedTestClient.Request(id, "getAuthStatus", new JsonObject()), WireFraming.Headers, WireEncoding.Json);
}
