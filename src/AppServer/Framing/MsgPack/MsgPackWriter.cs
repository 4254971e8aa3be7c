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
        else if (value >= sbyte.MinValue)
        {
            Span<byte> span = stackalloc byte[2];
            span[0] = 0xd0;
            span[1] = (byte)(sbyte)value;
            WriteRaw(span);
        }
        else if (value >= short.MinValue)
        {
            Span<byte> span = stackalloc byte[3];
            span[0] = 0xd1;
            BinaryPrimitives.WriteInt16BigEndian(span[1..], (short)value);
            WriteRaw(span);
        }
        else if (value >= int.MinValue)
        {
            Span<byte> span = stackalloc byte[5];
            span[0] = 0xd2;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value);
            WriteRaw(span);
        }
        else
        {
            Span<byte> span = stackalloc byte[9];
            span[0] = 0xd3;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
            WriteRaw(span);
        }
    }

    public void Write(ulong value)
    {
        if (value <= 0x7f)
        {
            WriteByte((byte)value);
        }
        else if (value <= byte.MaxValue)
        {
            Span<byte> span = stackalloc byte[2];
            span[0] = 0xcc;
            span[1] = (byte)value;
            WriteRaw(span);
        }
        else if (value <= ushort.MaxValue)
        {
            Span<byte> span = stackalloc byte[3];
            span[0] = 0xcd;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)value);
            WriteRaw(span);
        }
        else if (value <= uint.MaxValue)
        {
            Span<byte> span = stackalloc byte[5];
            span[0] = 0xce;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)value);
            WriteRaw(span);
        }
        else
        {
            Span<byte> span = stackalloc byte[9];
            span[0] = 0xcf;
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], value);
            WriteRaw(span);
        }
    }

    public void Write(double value)
    {
        Span<byte> span = stackalloc byte[9];
        span[0] = 0xcb;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
        WriteRaw(span);
    }

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
            Span<byte> span = stackalloc byte[2];
            span[0] = 0xd9;
            span[1] = (byte)length;
            WriteRaw(span);
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

    private void WriteLength(int length, byte code16, byte code32)
    {
        if (length <= ushort.MaxValue)
        {
            Span<byte> span = stackalloc byte[3];
            span[0] = code16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)length);
            WriteRaw(span);
        }
        else
        {
            Span<byte> span = stackalloc byte[5];
            span[0] = code32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
            WriteRaw(span);
        }
    }

    private void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }
}
