using System.Buffers.Binary;

namespace AppServer.Framing;

/// <summary>A 4-byte big-endian length, then the payload (StreamJsonRpc's LengthHeaderMessageHandler framing).</summary>
internal sealed class LengthPrefixFrameWriter : FrameWriter
{
    public static LengthPrefixFrameWriter Instance { get; } = new();

    protected override int PrefixCapacity => 4;

    protected override int WritePrefix(Span<byte> room, int payloadLength)
    {
        BinaryPrimitives.WriteInt32BigEndian(room[^4..], payloadLength);
        return 4;
    }
}
