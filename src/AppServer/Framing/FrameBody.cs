using System.Buffers;
using System.IO.Pipelines;

namespace AppServer.Framing;

/// <summary>The last step of a length-delimited frame: its body, or a refusal when the input ended inside it.</summary>
internal static class FrameBody
{
    /// <param name="buffer">What the reader holds, starting at the body.</param>
    public static Frame Take(PipeReader reader, ReadOnlySequence<byte> buffer, long length)
    {
        if (buffer.Length < length)
        {
            reader.AdvanceTo(buffer.End);
            return Frame.Refused($"truncated body: expected {length} bytes, got {buffer.Length}");
        }

        var body = buffer.Slice(0, length);
        var payload = body.ToArray();
        reader.AdvanceTo(body.End);
        return Frame.Message(payload);
    }
}
