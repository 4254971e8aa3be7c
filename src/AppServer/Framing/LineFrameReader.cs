using System.Buffers;
using System.IO.Pipelines;

namespace AppServer.Framing;

/// <summary>
/// Reads newline-delimited frames (LF or CRLF). A line longer than the cap is skipped as it streams
/// past, never buffered whole, and reported once as refused.
/// </summary>
internal sealed class LineFrameReader(PipeReader reader, int maxFrameBytes) : IFrameReader
{
    public async ValueTask<Frame> ReadAsync(CancellationToken cancellationToken)
    {
        var skippingOversize = false;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var newline = buffer.PositionOf((byte)'\n');
            if (newline is { } end)
            {
                var line = buffer.Slice(0, end);
                var oversize = skippingOversize || line.Length > maxFrameBytes;
                var payload = oversize ? [] : TrimLine(line);
                reader.AdvanceTo(buffer.GetPosition(1, end));
                if (oversize)
                {
                    return Frame.Refused(OversizeProblem);
                }

                if (payload.Length == 0)
                {
                    continue;
                }

                return Frame.Message(payload);
            }

            if (buffer.Length > maxFrameBytes)
            {
                // Drop what we have and keep dropping until the line ends.
                skippingOversize = true;
                reader.AdvanceTo(buffer.End);
                continue;
            }

            if (result.IsCompleted)
            {
                // A last line without its newline is still a message.
                var tail = skippingOversize ? [] : TrimLine(buffer);
                reader.AdvanceTo(buffer.End);
                if (skippingOversize)
                {
                    return Frame.Refused(OversizeProblem);
                }

                return tail.Length == 0 ? Frame.End : Frame.Message(tail);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private string OversizeProblem => $"message exceeds the {maxFrameBytes}-byte limit";

    private static byte[] TrimLine(ReadOnlySequence<byte> line)
    {
        var bytes = line.ToArray();
        var length = bytes.Length;
        while (length > 0 && bytes[length - 1] is (byte)'\r' or (byte)' ' or (byte)'\t')
        {
            length--;
        }

        var start = 0;
        while (start < length && bytes[start] is (byte)' ' or (byte)'\t')
        {
            start++;
        }

        return start == 0 && length == bytes.Length ? bytes : bytes[start..length];
    }
}
