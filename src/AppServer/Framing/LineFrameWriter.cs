using System.Buffers;

namespace AppServer.Framing;

/// <summary>One message per line, ending in LF (serialized JSON holds no raw newline).</summary>
internal sealed class LineFrameWriter : FrameWriter
{
    public static LineFrameWriter Instance { get; } = new();

    protected override int PrefixCapacity => 0;

    protected override int WritePrefix(Span<byte> room, int payloadLength) => 0;

    protected override void WriteSuffix(IBufferWriter<byte> buffer) => buffer.Write("\n"u8);
}
