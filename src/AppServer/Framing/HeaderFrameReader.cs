using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using System.Text;

namespace AppServer.Framing;

/// <summary>
/// Reads LSP-style frames: header lines (<c>Content-Length: N</c>; others such as Content-Type are
/// ignored), a blank line, then exactly N bytes. Bad input never ends the connection: a garbled or
/// truncated header block, or a length that is not a non-negative integer, is refused and reading
/// resumes at the next <c>Content-Length:</c>; a length over the cap is refused and exactly N bytes
/// are skipped as they stream past, never buffered.
/// </summary>
internal sealed class HeaderFrameReader(PipeReader reader, int maxFrameBytes) : IFrameReader
{
    /// <summary>Header blocks are a few dozen bytes; anything this long without a blank line is garbage.</summary>
    internal const int MaxHeaderBlockBytes = 8 * 1024;

    private long _skipRemaining;
    private bool _resyncing;

    private static ReadOnlySpan<byte> ContentLength => "content-length:"u8;

    private static ReadOnlySpan<byte> Whitespace => " \t\r\n"u8;

    /// <summary>RFC 9110 token characters, the only ones allowed in a header name.</summary>
    private static SearchValues<byte> TokenChars { get; } =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    internal static string BadLengthProblem { get; } = $"Content-Length must be a non-negative integer no larger than {int.MaxValue}";

    private string OversizeProblem => $"message exceeds the {maxFrameBytes}-byte limit";

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

        if (_resyncing && !await ResyncAsync(cancellationToken).ConfigureAwait(false))
        {
            return Frame.End;
        }

        _resyncing = false;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var header = ParseHeaderBlock(buffer);
            switch (header.Outcome)
            {
                case HeaderOutcome.NeedMore when header.BlockBytes > MaxHeaderBlockBytes:
                    // Drop what is buffered so the resync starts past it (it could hold a Content-Length: prefix).
                    reader.AdvanceTo(buffer.End);
                    _resyncing = true;
                    return Frame.Refused($"header block longer than {MaxHeaderBlockBytes} bytes");
                case HeaderOutcome.NeedMore when result.IsCompleted:
                    reader.AdvanceTo(buffer.End);
                    return header.BlockBytes == 0 ? Frame.End : Frame.Refused("truncated header");
                case HeaderOutcome.NeedMore:
                    reader.AdvanceTo(header.Consumed, buffer.End);
                    continue;
                case HeaderOutcome.Bad:
                    reader.AdvanceTo(header.Consumed);
                    _resyncing = true;
                    return Frame.Refused(header.Problem!);
            }

            reader.AdvanceTo(header.Consumed);
            if (header.Length > maxFrameBytes)
            {
                // Refuse now, so the client hears at once; the body is skipped on the next read.
                _skipRemaining = header.Length;
                return Frame.Refused(OversizeProblem);
            }

            return await ReadBodyAsync((int)header.Length, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Parses one header block from the start of <paramref name="buffer"/> (never consuming the body).</summary>
    internal static HeaderBlock ParseHeaderBlock(ReadOnlySequence<byte> buffer)
    {
        var sequence = new SequenceReader<byte>(buffer);

        // Blank lines between frames are tolerated (some writers end a body with a newline).
        sequence.AdvancePastAny(Whitespace);
        var blockStart = sequence.Position;
        long? length = null;
        while (true)
        {
            var lineStart = sequence.Position;
            if (!sequence.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
            {
                // A partial line whose name is already impossible (a JSON body with no headers, say)
                // is refused now rather than after its newline, which may never come.
                var partial = sequence.UnreadSequence;
                if (HasInvalidName(Head(partial, MaxHeaderBlockBytes), lineComplete: false))
                {
                    return Malformed(buffer, lineStart);
                }

                // Leading whitespace is consumed; the partial block is kept until more bytes arrive.
                return new HeaderBlock(HeaderOutcome.NeedMore, blockStart, buffer.Slice(blockStart).Length);
            }

            var text = Head(line, MaxHeaderBlockBytes + 1).Trim(" \t\r"u8);
            if (text.Length == 0)
            {
                return length is { } n
                    ? new HeaderBlock(HeaderOutcome.Complete, sequence.Position, Length: n)
                    : new HeaderBlock(HeaderOutcome.Bad, sequence.Position, Problem: "missing Content-Length header");
            }

            if (text.Length > MaxHeaderBlockBytes || HasInvalidName(text, lineComplete: true))
            {
                return Malformed(buffer, lineStart);
            }

            var colon = text.IndexOf((byte)':');
            if (!Ascii.EqualsIgnoreCase(text[..colon].TrimEnd(" \t"u8), ContentLength[..^1]))
            {
                // Content-Type and any other header are ignored: the body is always UTF-8 JSON.
                continue;
            }

            // A length no --max-message-bytes setting could accept (above int.MaxValue) is not a frame
            // the client means to send: skipping that many bytes would swallow every later frame, so
            // it is a bad header like any other and reading resumes at the next Content-Length:.
            var value = text[(colon + 1)..].Trim(" \t"u8);
            if (value.Length == 0 || !char.IsAsciiDigit((char)value[0]) || !Utf8Parser.TryParse(value, out long parsed, out var used) || used != value.Length || parsed > int.MaxValue)
            {
                return new HeaderBlock(HeaderOutcome.Bad, sequence.Position, Problem: BadLengthProblem);
            }

            if (length is { } earlier && earlier != parsed)
            {
                return new HeaderBlock(HeaderOutcome.Bad, sequence.Position, Problem: "conflicting Content-Length headers");
            }

            length = parsed;
        }
    }

    /// <summary>
    /// A line that is not <c>Name: value</c>. Reading resumes one byte into it, so a
    /// <c>Content-Length:</c> glued to the garbage on the same line is still found.
    /// </summary>
    private static HeaderBlock Malformed(ReadOnlySequence<byte> buffer, SequencePosition lineStart) =>
        new(HeaderOutcome.Bad, buffer.GetPosition(1, lineStart), Problem: "malformed header line");

    /// <summary>Whether the line cannot be a header: its name (before the colon) is empty or not an RFC 9110 token.</summary>
    private static bool HasInvalidName(ReadOnlySpan<byte> line, bool lineComplete)
    {
        var colon = line.IndexOf((byte)':');
        if (colon < 0)
        {
            // Without its colon yet, a partial line is judged on what is there.
            return lineComplete || line.ContainsAnyExcept(TokenChars);
        }

        return colon == 0 || line[..colon].TrimEnd(" \t"u8).ContainsAnyExcept(TokenChars);
    }

    private static ReadOnlySpan<byte> Head(ReadOnlySequence<byte> bytes, int max)
    {
        var slice = bytes.Length > max ? bytes.Slice(0, max) : bytes;
        return slice.IsSingleSegment ? slice.FirstSpan : slice.ToArray();
    }

    private async ValueTask<Frame> ReadBodyAsync(int length, CancellationToken cancellationToken)
    {
        if (length == 0)
        {
            // ReadAtLeastAsync(0) would wait for the next bytes, holding this frame's error back until then.
            return Frame.Message([]);
        }

        var result = await reader.ReadAtLeastAsync(length, cancellationToken).ConfigureAwait(false);
        var buffer = result.Buffer;
        return FrameBody.Take(reader, buffer, length);
    }


    /// <summary>
    /// Discards input up to the next <c>Content-Length:</c> (case-insensitive, anywhere: vscode-jsonrpc
    /// writes the next header straight after a body), keeping only a possible partial match buffered.
    /// False when the input ends first.
    /// </summary>
    private async ValueTask<bool> ResyncAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var match = FindContentLength(buffer, out var partial);
            if (match is { } found)
            {
                reader.AdvanceTo(found);
                return true;
            }

            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                return false;
            }

            reader.AdvanceTo(partial ?? buffer.End, buffer.End);
        }
    }

    /// <summary>
    /// Where <c>Content-Length:</c> starts in <paramref name="buffer"/>, if it does; otherwise, in
    /// <paramref name="partial"/>, where a match cut off by the end of the buffer may start.
    /// </summary>
    internal static SequencePosition? FindContentLength(ReadOnlySequence<byte> buffer, out SequencePosition? partial)
    {
        partial = null;
        var sequence = new SequenceReader<byte>(buffer);
        Span<byte> head = stackalloc byte[ContentLength.Length];
        while (sequence.TryAdvanceToAny("cC"u8, advancePastDelimiter: false))
        {
            var available = (int)Math.Min(sequence.Remaining, head.Length);
            var candidate = head[..available];
            sequence.TryCopyTo(candidate);
            if (Ascii.EqualsIgnoreCase(candidate, ContentLength[..available]))
            {
                if (available == ContentLength.Length)
                {
                    return sequence.Position;
                }

                partial = sequence.Position;
                return null;
            }

            sequence.Advance(1);
        }

        return null;
    }

    internal enum HeaderOutcome
    {
        NeedMore,
        Complete,
        Bad,
    }

    /// <summary>The outcome of parsing a header block; <see cref="Consumed"/> is where reading resumes.</summary>
    internal readonly record struct HeaderBlock(HeaderOutcome Outcome, SequencePosition Consumed, long BlockBytes = 0, long Length = 0, string? Problem = null);
}
