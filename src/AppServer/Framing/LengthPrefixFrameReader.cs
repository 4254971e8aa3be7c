using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;

namespace AppServer.Framing;

/// <summary>
/// Reads the framing of StreamJsonRpc's <c>LengthHeaderMessageHandler</c>: a 4-byte big-endian
/// length, then that many bytes. Unlike that handler it never buffers a frame over the cap: the
/// frame is refused and its bytes are skipped as they stream past, and the next frame is served.
/// </summary>
internal sealed class LengthPrefixFrameReader(PipeReader reader, int maxFrameBytes) : IFrameReader
{
    private const int PrefixBytes = 4;

    private long _skipRemaining;

    public async ValueTask<Frame> ReadAsync(CancellationToken cancellationToken)
    {
        if (_skipRemaining > 0)
        {
            // The body of a frame refused as oversize: drop it as it streams past.
            var skip = _skipRemaining;
            _skipRemaining = 0;
            if (!await PipeSkip.SkipAsync(reader, skip, cancellationToken).ConfigureAwait(false))
            {
                return Frame.End;
            }
        }

        var result = await reader.ReadAtLeastAsync(PrefixBytes, cancellationToken).ConfigureAwait(false);
        var buffer = result.Buffer;
        if (buffer.Length < PrefixBytes)
        {
            reader.AdvanceTo(buffer.End);
            return buffer.IsEmpty ? Frame.End : Frame.Refused("truncated length prefix");
        }

        Span<byte> prefix = stackalloc byte[PrefixBytes];
        buffer.Slice(0, PrefixBytes).CopyTo(prefix);

        // Read as unsigned: a length with the top bit set is just a very large frame to skip.
        var length = (long)BinaryPrimitives.ReadUInt32BigEndian(prefix);
        reader.AdvanceTo(buffer.GetPosition(PrefixBytes));
        if (length > maxFrameBytes)
        {
            _skipRemaining = length;
            return Frame.Refused($"message exceeds the {maxFrameBytes}-byte limit");
        }

        if (length == 0)
        {
            // ReadAtLeastAsync(0) would wait for the next bytes, holding this frame's error back until then.
            return Frame.Message([]);
        }

        result = await reader.ReadAtLeastAsync((int)length, cancellationToken).ConfigureAwait(false);
        buffer = result.Buffer;
        return FrameBody.Take(reader, buffer, length);
    }
}
