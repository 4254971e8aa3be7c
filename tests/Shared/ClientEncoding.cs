namespace AppServer.Testing;

/// <summary>How <see cref="JsonLineClient"/> frames what it sends and reads what the server writes.</summary>
internal enum ClientEncoding
{
    /// <summary>One JSON message per line (what Codex clients send).</summary>
    Lines,

    /// <summary>JSON behind <c>Content-Length</c> headers (what vscode-jsonrpc and LSP4J send).</summary>
    Headers,

    /// <summary>MessagePack behind 4-byte big-endian length prefixes (the server needs <c>--encoding msgpack</c>).</summary>
    MessagePack,
}

/// <summary>The encoding a test run asks for through <c>APPSERVER_TEST_ENCODING</c> (lines, headers or msgpack).</summary>
internal static class TestEncoding
{
    public const string Variable = "APPSERVER_TEST_ENCODING";

    public static ClientEncoding Current { get; } = Environment.GetEnvironmentVariable(Variable) switch
    {
        null or "" or "lines" => ClientEncoding.Lines,
        "headers" => ClientEncoding.Headers,
        "msgpack" => ClientEncoding.MessagePack,
        var other => throw new InvalidOperationException($"{Variable} must be lines, headers or msgpack, not '{other}'."),
    };
}
