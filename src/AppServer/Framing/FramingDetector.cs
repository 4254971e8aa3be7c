using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace AppServer.Framing;

/// <summary>
/// Tells Content-Length framing from newline-delimited JSON by the first bytes of the input, with
/// no flag: LSP-style clients (vscode-jsonrpc, LSP4J) open with a <c>Content-Length:</c> header,
/// Codex clients with a JSON object.
/// </summary>
internal static class FramingDetector
{
    private static ReadOnlySpan<byte> ContentLength => "content-length:"u8;

    private static ReadOnlySpan<byte> Whitespace => " \t\r\n"u8;

    /// <summary>
    /// Peeks at the input until the first non-whitespace bytes decide the framing. Only leading
    /// whitespace is consumed (both framings ignore it); everything else stays in the pipe, so the
    /// chosen frame reader sees the peeked bytes again.
    /// </summary>
    public static async ValueTask<WireFraming> DetectAsync(PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var reader = new SequenceReader<byte>(buffer);
            reader.AdvancePastAny(Whitespace);
            var rest = reader.UnreadSequence;

            var verdict = Decide(rest, result.IsCompleted);
            if (verdict is { } framing)
            {
                // Consume the whitespace only; the first real bytes are left for the frame reader.
                input.AdvanceTo(reader.Position);
                return framing;
            }

            // A prefix of "Content-Length:" so far (or nothing but whitespace): wait for more bytes.
            input.AdvanceTo(reader.Position, buffer.End);
        }
    }

    /// <summary>The framing the bytes after leading whitespace call for, or null when they don't tell yet.</summary>
    internal static WireFraming? Decide(ReadOnlySequence<byte> start, bool inputEnded)
    {
        Span<byte> head = stackalloc byte[ContentLength.Length];
        var available = (int)Math.Min(start.Length, head.Length);
        start.Slice(0, available).CopyTo(head);
        head = head[..available];

        if (!Ascii.EqualsIgnoreCase(head, ContentLength[..available]))
        {
            return WireFraming.Lines;
        }

        if (available == ContentLength.Length)
        {
            return WireFraming.Headers;
        }

        // Too few bytes to tell; at the end of input the line reader deals with whatever is left.
        return inputEnded ? WireFraming.Lines : null;
    }
}
