namespace AppServer.Framing;

/// <summary>What a frame reader produced: one message payload, a frame to refuse, or the end.</summary>
internal readonly record struct Frame(FrameKind Kind, byte[]? Payload = null, string? Problem = null)
{
    public static Frame End { get; } = new(FrameKind.End);

    public static Frame Message(byte[] payload) => new(FrameKind.Message, payload);

    public static Frame Refused(string problem) => new(FrameKind.Refused, Problem: problem);
}

internal enum FrameKind
{
    /// <summary>A complete payload to parse.</summary>
    Message,

    /// <summary>A frame that cannot be parsed at all (over the size cap, a bad header); answered with -32600.</summary>
    Refused,

    /// <summary>The input stream ended.</summary>
    End,
}
