namespace AppServer.Framing;

/// <summary>How each message is encoded; chosen with <c>--encoding</c>.</summary>
internal enum WireEncoding
{
    /// <summary>UTF-8 JSON, framed by lines or Content-Length headers (detected from the first bytes).</summary>
    Json,

    /// <summary>MessagePack with 4-byte length prefixes, for high-rate harnesses.</summary>
    MessagePack,
}
