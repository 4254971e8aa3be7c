using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace AppServer.Framing.MsgPack;

/// <summary>
/// Writes MessagePack with the smallest encoding of each value, as MessagePack-CSharp and
/// Nerdbank.MessagePack do (non-negative integers as fixint/uint*, negative as fixint/int*,
/// strings as fixstr/str8/16/32, every float as float64).
/// </summary>
internal readonly ref struct MsgPackWriter(IBufferWriter<byte> output)
{
    private readonly IBufferWriter<byte> _output = output;

    public void WriteNil() => WriteByte(0xc0);

    public void Write(bool value) => WriteByte(value ? (byte)0xc3 : (byte)0xc2);

    public void Write(long value)
    {
        if (value >= 0)
        {
            Write((ulong)value);
        }
        else if (value >= -32)
        {
            WriteByte((byte)(sbyte)value);
        }
        else
        {
            // Two's complement: the low bytes of the 64-bit pattern are the narrower value.
            var (code, width) = value >= sbyte.MinValue ? ((byte)0xd0, 1)
                : value >= short.MinValue ? ((byte)0xd1, 2)
                : value >= int.MinValue ? ((byte)0xd2, 4)
                : ((byte)0xd3, 8);
            WriteBigEndian(code, (ulong)value, width);
        }
    }

    public void Write(ulong value)
    {
        if (value <= 0x7f)
        {
            WriteByte((byte)value);
            return;
        }

        var (code, width) = value <= byte.MaxValue ? ((byte)0xcc, 1)
            : value <= ushort.MaxValue ? ((byte)0xcd, 2)
            : value <= uint.MaxValue ? ((byte)0xce, 4)
            : ((byte)0xcf, 8);
        WriteBigEndian(code, value, width);
    }

    public void Write(double value) => WriteBigEndian(0xcb, BitConverter.DoubleToUInt64Bits(value), 8);

    public void Write(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteStringHeader(length);
        Encoding.UTF8.GetBytes(value, _output.GetSpan(length));
        _output.Advance(length);
    }

    /// <summary>A string given as UTF-8 bytes (already valid: they come from a parsed JSON document or a literal).</summary>
    public void WriteString(ReadOnlySpan<byte> utf8)
    {
        WriteStringHeader(utf8.Length);
        WriteRaw(utf8);
    }

    public void WriteArrayHeader(int count) => WriteHeader(count, 0x90, 0xdc, 0xdd);

    public void WriteMapHeader(int count) => WriteHeader(count, 0x80, 0xde, 0xdf);

    /// <summary>Bytes that are already MessagePack (an id echoed as it came).</summary>
    public void WriteRaw(ReadOnlySpan<byte> encoded)
    {
        encoded.CopyTo(_output.GetSpan(encoded.Length));
        _output.Advance(encoded.Length);
    }

    private void WriteStringHeader(int length)
    {
        if (length <= 31)
        {
            WriteByte((byte)(0xa0 | length));
        }
        else if (length <= byte.MaxValue)
        {
            WriteBigEndian(0xd9, (ulong)length, 1);
        }
        else
        {
            WriteLength(length, 0xda, 0xdb);
        }
    }

    private void WriteHeader(int count, byte fix, byte code16, byte code32)
    {
        if (count <= 15)
        {
            WriteByte((byte)(fix | count));
        }
        else
        {
            WriteLength(count, code16, code32);
        }
    }

    private void WriteLength(int length, byte code16, byte code32) =>
        WriteBigEndian(length <= ushort.MaxValue ? code16 : code32, (ulong)length, length <= ushort.MaxValue ? 2 : 4);

    /// <summary>A format byte, then the low <paramref name="width"/> bytes of <paramref name="bits"/>, most significant first.</summary>
    private void WriteBigEndian(byte code, ulong bits, int width)
    {
        Span<byte> encoded = stackalloc byte[9];
        encoded[0] = code;
        BinaryPrimitives.WriteUInt64BigEndian(encoded[1..], bits);
        encoded[(9 - width)..].CopyTo(encoded[1..]);
        WriteRaw(encoded[..(1 + width)]);
    }

    private void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }
}
