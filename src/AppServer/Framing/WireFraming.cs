namespace AppServer.Framing;

/// <summary>How messages are delimited on the wire.</summary>
internal enum WireFraming
{
    /// <summary>One JSON message per line, LF or CRLF (what Codex clients send).</summary>
    Lines,

    /// <summary><c>Content-Length: N</c> headers, a blank line, then N bytes (vscode-jsonrpc, LSP4J).</summary>
    Headers,

    /// <summary>A 4-byte big-endian length, then that many bytes (StreamJsonRpc's LengthHeaderMessageHandler).</summary>
    LengthPrefixed,
}
