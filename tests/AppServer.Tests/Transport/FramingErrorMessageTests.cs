using System.Text;
using System.Text.RegularExpressions;
using AppServer.Framing;
using AppServer.Testing;
using MessagePack;

namespace AppServer.Tests.Transport;

/// <summary>
/// Every framing error message protocol/README.md lists (the -32700 and -32600 rows of its error
/// table) is provoked on the wire and compared exactly, and the README lists no message beyond
/// these: a documented message the server can never send fails here.
/// </summary>
public sealed partial class FramingErrorMessageTests
{
    private const int Cap = 4096;

    /// <summary>README text (placeholders as written there) → the wire, the bytes that provoke it, the exact message, and whether input ends after them.</summary>
    private static readonly Dictionary<string, (string Wire, byte[] Bytes, string Message, bool ThenEnd)> s_cases = new()
    {
        ["Parse error: invalid JSON at byte <n>"] = ("lines", Text("{\"id\":1,\"method\" 5}\n"), "Parse error: invalid JSON at byte 17", false),
        ["Parse error: invalid UTF-8"] = ("lines", [.. "{\"id\":1,\"method\":\""u8, 0xFF, .. "\"}\n"u8], "Parse error: invalid UTF-8", false),
        ["Parse error: unexpected data after the JSON value"] = ("lines", Text("{\"id\":1,\"method\":\"x\"} {\"id\":2}\n"), "Parse error: unexpected data after the JSON value", false),
        ["Parse error: empty message"] = ("headers", Text("Content-Length: 0\r\n\r\n"), "Parse error: empty message", false),
        ["Parse error: invalid MessagePack"] = ("msgpack", [0, 0, 0, 1, 0xC1], "Parse error: invalid MessagePack", false),
        ["Parse error: nesting deeper than 64 levels"] = ("msgpack", Prefixed([0x81, .. MessagePackString("params"), .. Enumerable.Repeat((byte)0x91, 100), 0x01]), "Parse error: nesting deeper than 64 levels", false),
        ["Parse error: unexpected data after the MessagePack value"] = ("msgpack", Prefixed([.. MessagePackSerializer.ConvertFromJson("""{"id":1,"method":"x"}"""), 0x01]), "Parse error: unexpected data after the MessagePack value", false),
        ["Invalid request: batch requests are not supported; send one message per frame"] = ("lines", Text("[{\"id\":1,\"method\":\"x\"}]\n"), "Invalid request: batch requests are not supported; send one message per frame", false),
        ["Invalid request: a message must be a JSON object"] = ("lines", Text("42\n"), "Invalid request: a message must be a JSON object", false),
        ["Invalid request: a message must be a map"] = ("msgpack", [0, 0, 0, 1, 0x2A], "Invalid request: a message must be a map", false),
        ["Invalid request: a message needs a string 'method' (or a 'result'/'error')"] = ("lines", Text("{\"foo\":1}\n"), "Invalid request: a message needs a string 'method' (or a 'result'/'error')", false),
        ["Invalid request: message exceeds the <n>-byte limit"] = ("lines", Text(new string(' ', Cap + 1) + "\n"), $"Invalid request: message exceeds the {Cap}-byte limit", false),
        ["Invalid request: not a valid JSON-RPC message"] = ("lines", Text("{\"id\":true,\"method\":\"getAuthStatus\"}\n"), "Invalid request: not a valid JSON-RPC message", false),
        ["Invalid request: malformed header line"] = ("headers", Text("Content-Length 2\r\n\r\n{}"), "Invalid request: malformed header line", false),
        ["Invalid request: missing Content-Length header"] = ("headers", Text("Content-Type: application/json\r\n\r\n{}"), "Invalid request: missing Content-Length header", false),
        ["Invalid request: Content-Length must be a non-negative integer no larger than 2147483647"] = ("headers", Text("Content-Length: 9223372036854775807\r\n\r\n{}"), "Invalid request: Content-Length must be a non-negative integer no larger than 2147483647", false),
        ["Invalid request: conflicting Content-Length headers"] = ("headers", Text("Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}"), "Invalid request: conflicting Content-Length headers", false),
        ["Invalid request: header block longer than 8192 bytes"] = ("headers", Text("X-Padding: " + new string('a', 20_000) + "\r\n\r\n"), "Invalid request: header block longer than 8192 bytes", false),
        ["Invalid request: truncated header"] = ("headers", Text("Content-Length: 5"), "Invalid request: truncated header", true),
        ["Invalid request: truncated body: expected <n> bytes, got <m>"] = ("headers", Text("Content-Length: 100\r\n\r\n{\"id\":"), "Invalid request: truncated body: expected 100 bytes, got 6", true),
        ["Invalid request: truncated length prefix"] = ("msgpack", [0, 0], "Invalid request: truncated length prefix", true),
    };

    public static TheoryData<string> Documented => [.. DocumentedMessages()];

    [Fact]
    public void ReadmeFramingErrors_AreExactlyTheOnesProvokedHere()
    {
        DocumentedMessages().Should().BeEquivalentTo(s_cases.Keys, "protocol/README.md must list every framing error the server sends, and none it cannot send");
    }

    [Theory]
    [MemberData(nameof(Documented))]
    public async Task DocumentedFramingError_IsSentWithExactlyThatMessage(string documented)
    {
        s_cases.Should().ContainKey(documented, "every framing error the README lists needs input that provokes it");
        var (wire, bytes, message, thenEnd) = s_cases[documented];
        var (framing, encoding) = Wire.Parse(wire);
        await using var server = new TransportServer(options => options with { Encoding = encoding, MaxMessageBytes = Cap });
        var (client, _) = server.ConnectHalfClosable(framing, encoding);
        await client.InitializeAsync();

        await client.SendBytesAsync(bytes);
        if (thenEnd)
        {
            await client.CloseInputAsync();
        }

        var error = await client.NextUnmatchedAsync();
        error["id"].Should().BeNull();
        error["error"]!["message"]!.GetValue<string>().Should().Be(message);
        error["error"]!["code"]!.GetValue<int>().Should().Be(message.StartsWith("Parse error", StringComparison.Ordinal) ? -32700 : -32600);
    }

    private static List<string> DocumentedMessages()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "protocol", "README.md"));
        var rows = readme.Split('\n').Where(l => l.StartsWith("| -32700 |", StringComparison.Ordinal) || l.StartsWith("| -32600 |", StringComparison.Ordinal));
        return [.. rows.SelectMany(row => CodeSpan().Matches(row).Select(m => m.Groups[1].Value))
            .Where(m => m.StartsWith("Parse error: ", StringComparison.Ordinal) || m.StartsWith("Invalid request: ", StringComparison.Ordinal))
            .Distinct()];
    }

    private static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Prefixed(byte[] payload) => FramedTestClient.Frame(payload, WireFraming.LengthPrefixed);

    private static byte[] MessagePackString(string value) => MessagePackSerializer.Serialize(value);

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();
}
