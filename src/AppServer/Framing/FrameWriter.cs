using System.Buffers;
using System.Runtime.InteropServices;

namespace AppServer.Framing;

/// <summary>
/// Builds one complete outgoing frame in memory: room for the prefix is reserved, the payload is
/// serialized after it, then the prefix (which may depend on the payload length) is filled in
/// right-aligned. The frame is a single contiguous buffer, written with one call, so a failed
/// serialization leaves nothing on the wire and frames never interleave.
/// </summary>
internal abstract class FrameWriter
{
    public static FrameWriter For(WireFraming framing) => framing switch
    {
        WireFraming.Lines => LineFrameWriter.Instance,
        WireFraming.Headers => HeaderFrameWriter.Instance,
        WireFraming.LengthPrefixed => LengthPrefixFrameWriter.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(framing)),
    };

    /// <summary>Largest prefix this framing writes.</summary>
    protected abstract int PrefixCapacity { get; }

    /// <summary>A buffer to serialize one payload into.</summary>
    public ArrayBufferWriter<byte> Begin(int sizeHint = 256)
    {
        var buffer = new ArrayBufferWriter<byte>(PrefixCapacity + sizeHint);
        buffer.GetSpan(PrefixCapacity);
        buffer.Advance(PrefixCapacity);
        return buffer;
    }

    /// <summary>Closes the frame around the payload written since <see cref="Begin"/>.</summary>
    public ReadOnlyMemory<byte> Complete(ArrayBufferWriter<byte> buffer)
    {
        var payloadLength = buffer.WrittenCount - PrefixCapacity;
        WriteSuffix(buffer);
        var frame = MemoryMarshal.AsMemory(buffer.WrittenMemory);
        var prefixLength = WritePrefix(frame.Span[..PrefixCapacity], payloadLength);
        return frame[(PrefixCapacity - prefixLength)..];
    }

    /// <summary>Writes the prefix at the end of <paramref name="room"/> and returns its length.</summary>
    protected abstract int WritePrefix(Span<byte> room, int payloadLength);

    protected virtual void WriteSuffix(IBufferWriter<byte> buffer)
    {
    }
}
