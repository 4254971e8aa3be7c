using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using AppServer.Framing;

namespace AppServer.Tests.Transport;

/// <summary>The framing is chosen from the first bytes, with no flag, and replies come back in kind.</summary>
public sealed class FramingDetectionTests : IAsyncLifetime
{
    private readonly TransportServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("Content-Length:", true)]
    [InlineData("content-LENGTH:", true)]
    [InlineData("Content-Type: x", false)]
    [InlineData("{\"id\":1}", false)]
    [InlineData("Conte", null)]
    [InlineData("", null)]
    public void Decide_OnTheFirstNonWhitespaceBytes_PicksHeadersOnlyForContentLength(string start, bool? headers)
    {
        var verdict = FramingDetector.Decide(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(start)), inputEnded: false);

        verdict.Should().Be(headers switch { true => WireFraming.Headers, false => WireFraming.Lines, null => (WireFraming?)null });
    }

    [Fact]
    public void Decide_AtEndOfInputWithAPartialPrefix_FallsBackToLines()
    {
        FramingDetector.Decide(new ReadOnlySequence<byte>("Conte"u8.ToArray()), inputEnded: true).Should().Be(WireFraming.Lines);
    }

    [Fact]
    public async Task HeaderSplitAcrossWrites_AfterLeadingBlankLines_IsDetectedAndNoByteIsLost()
    {
        var client = _server.Connect(WireFraming.Headers);
        var frame = FramedTestClient.Frame(Initialize(1), WireFraming.Headers, WireEncoding.Json);
        var response = client.Expect(JsonValue.Create(1));

        // The detector must wait for "Content-Length:" whole, then replay every byte it peeked at.
        await client.SendBytesAsync("\r\n  \r\n"u8.ToArray());
        await client.SendBytesAsync(frame[..4]);
        await client.SendBytesAsync(frame[4..9]);
        await client.SendBytesAsync(frame[9..]);

        (await response.WaitAsync(FramedTestClient.Timeout)).Should().ContainKey("result");
    }

    [Fact]
    public async Task FirstLineOfJson_IsServedAsLines()
    {
        var client = _server.Connect(WireFraming.Lines);

        var result = await client.InitializeAsync();

        result.Should().ContainKey("userAgent");
    }

    [Fact]
    public async Task FirstLineGarbage_IsServedAsLines_WithAParseError()
    {
        var client = _server.Connect(WireFraming.Lines);

        await client.SendBytesAsync("Content-Type: text/plain\n"u8.ToArray());

        (await client.NextUnmatchedAsync())["error"]!["code"]!.GetValue<int>().Should().Be(-32700);
        (await client.InitializeAsync()).Should().ContainKey("userAgent");
    }

    private static JsonObject Initialize(int id) =>
        FramedTestClient.Request(id, "initialize", new JsonObject { ["clientInfo"] = new JsonObject { ["name"] = "detect", ["version"] = "1" } });
}
