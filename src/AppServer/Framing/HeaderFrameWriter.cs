using System.Buffers.Text;

namespace AppServer.Framing;

/// <summary>
/// <c>Content-Length: N\r\n\r\n</c> then the body, N counted in bytes. No Content-Type: LSP clients
/// default to UTF-8 JSON, which is what the body is.
/// </summary>
internal sealed class HeaderFrameWriter : FrameWriter
{
    public static HeaderFrameWriter Instance { get; } = new();

    private static ReadOnlySpan<byte> Name => "Content-Length: "u8;

    private static ReadOnlySpan<byte> End => "\r\n\r\n"u8;

    // The name, up to 10 digits for an int, and the blank line.
    protected override int PrefixCapacity => 16 + 10 + 4;

    protected override int WritePrefix(Span<byte> room, int payloadLength)
    {
        Span<byte> digits = stackalloc byte[10];
        Utf8Formatter.TryFormat(payloadLength, digits, out var digitCount);
        var length = Name.Length + digitCount + End.Length;
        var prefix = room[^length..];
        Name.CopyTo(prefix);
        digits[..digitCount].CopyTo(prefix[Name.Length..]);
        End.CopyTo(prefix[(Name.Length + digitCount)..]);
        return length;
    }
}
