using System.Buffers.Binary;

namespace AppServer.Framing.MsgPack;

/// <summary>
/// Reads MessagePack (the 2013 spec, every format) from one contiguous payload. Every read checks
/// the remaining length first, so a truncated or hostile payload throws
/// <see cref="MsgPackFormatException"/> instead of reading out of bounds or allocating what a
/// length field claims.
/// </summary>
internal ref struct MsgPackReader(ReadOnlySpan<byte> payload)
{
    private readonly ReadOnlySpan<byte> _payload = payload;
    private int _position;

    public readonly int Consumed => _position;

    public readonly bool End => _position >= _payload.Length;

    public readonly MsgPackType NextType => Peek() switch
    {
        <= 0x7f or >= 0xe0 => MsgPackType.Integer,
        <= 0x8f => MsgPackType.Map,
        <= 0x9f => MsgPackType.Array,
        <= 0xbf => MsgPackType.String,
        0xc0 => MsgPackType.Nil,
        0xc1 => throw Invalid(),
        0xc2 or 0xc3 => MsgPackType.Boolean,
        0xc4 or 0xc5 or 0xc6 => MsgPackType.Binary,
        0xc7 or 0xc8 or 0xc9 => MsgPackType.Extension,
        0xca or 0xcb => MsgPackType.Float,
        <= 0xd3 => MsgPackType.Integer,
        <= 0xd8 => MsgPackType.Extension,
        <= 0xdb => MsgPackType.String,
        <= 0xdd => MsgPackType.Array,
        _ => MsgPackType.Map,
    };

    /// <summary>True when the next value is an unsigned 64-bit integer above <see cref="long.MaxValue"/>.</summary>
    public readonly bool NextIsLargeUnsigned =>
        Peek() == 0xcf && _position + 9 <= _payload.Length && BinaryPrimitives.ReadUInt64BigEndian(_payload[(_position + 1)..]) > long.MaxValue;

    public void ReadNil()
    {
        if (Take() != 0xc0)
        {
            throw Mismatch("nil");
        }
    }

    public bool ReadBoolean() => Take() switch
    {
        0xc2 => false,
        0xc3 => true,
        _ => throw Mismatch("a boolean"),
    };

    public long ReadInt64()
    {
        var code = Take();
        switch (code)
        {
            case <= 0x7f:
                return code;
            case >= 0xe0:
                return (sbyte)code;
            case 0xcc:
                return Take();
            case 0xcd:
                return BinaryPrimitives.ReadUInt16BigEndian(Slice(2));
            case 0xce:
                return BinaryPrimitives.ReadUInt32BigEndian(Slice(4));
            case 0xcf:
                var unsigned = BinaryPrimitives.ReadUInt64BigEndian(Slice(8));
                return unsigned <= long.MaxValue ? (long)unsigned : throw new MsgPackFormatException("integer out of range");
            case 0xd0:
                return (sbyte)Take();
            case 0xd1:
                return BinaryPrimitives.ReadInt16BigEndian(Slice(2));
            case 0xd2:
                return BinaryPrimitives.ReadInt32BigEndian(Slice(4));
            case 0xd3:
                return BinaryPrimitives.ReadInt64BigEndian(Slice(8));
            default:
                throw Mismatch("an integer");
        }
    }

    public ulong ReadUInt64()
    {
        if (Peek() == 0xcf)
        {
            _position++;
            return BinaryPrimitives.ReadUInt64BigEndian(Slice(8));
        }

        var value = ReadInt64();
        return value >= 0 ? (ulong)value : throw new MsgPackFormatException("integer out of range");
    }

    public double ReadDouble() => Take() switch
    {
        0xca => BinaryPrimitives.ReadSingleBigEndian(Slice(4)),
        0xcb => BinaryPrimitives.ReadDoubleBigEndian(Slice(8)),
        _ => throw Mismatch("a float"),
    };

    /// <summary>The UTF-8 bytes of a string, unvalidated (the caller decides what invalid UTF-8 means).</summary>
    public ReadOnlySpan<byte> ReadStringBytes()
    {
        var code = Take();
        var length = code switch
        {
            >= 0xa0 and <= 0xbf => code & 0x1f,
            0xd9 => Take(),
            0xda => BinaryPrimitives.ReadUInt16BigEndian(Slice(2)),
            0xdb => Length(BinaryPrimitives.ReadUInt32BigEndian(Slice(4))),
            _ => throw Mismatch("a string"),
        };
        return Slice(length);
    }

    public ReadOnlySpan<byte> ReadBinary()
    {
        var length = Take() switch
        {
            0xc4 => Take(),
            0xc5 => BinaryPrimitives.ReadUInt16BigEndian(Slice(2)),
            0xc6 => Length(BinaryPrimitives.ReadUInt32BigEndian(Slice(4))),
            _ => throw Mismatch("a binary"),
        };
        return Slice(length);
    }

    public int ReadArrayHeader()
    {
        var code = Take();
        var count = code switch
        {
            >= 0x90 and <= 0x9f => code & 0x0f,
            0xdc => BinaryPrimitives.ReadUInt16BigEndian(Slice(2)),
            0xdd => Length(BinaryPrimitives.ReadUInt32BigEndian(Slice(4))),
            _ => throw Mismatch("an array"),
        };

        // Every element takes at least one byte: a count beyond what is left is a lie.
        return count <= Remaining ? count : throw Truncated();
    }

    public int ReadMapHeader()
    {
        var code = Take();
        var count = code switch
        {
            >= 0x80 and <= 0x8f => code & 0x0f,
            0xde => BinaryPrimitives.ReadUInt16BigEndian(Slice(2)),
            0xdf => Length(BinaryPrimitives.ReadUInt32BigEndian(Slice(4))),
            _ => throw Mismatch("a map"),
        };
        return count <= Remaining / 2 ? count : throw Truncated();
    }

    /// <summary>Skips one value that has no children: anything but an array or a map.</summary>
    public void SkipScalar()
    {
        var code = Take();
        var skip = code switch
        {
            <= 0x7f or >= 0xe0 or 0xc0 or 0xc2 or 0xc3 => 0,
            >= 0xa0 and <= 0xbf => code & 0x1f,
            0xc4 or 0xd9 => Take(),
            0xc5 or 0xda => BinaryPrimitives.ReadUInt16BigEndian(Slice(2)),
            0xc6 or 0xdb => Length(BinaryPrimitives.ReadUInt32BigEndian(Slice(4))),
            0xc7 => Take() + 1,
            0xc8 => BinaryPrimitives.ReadUInt16BigEndian(Slice(2)) + 1,
            0xc9 => Length(BinaryPrimitives.ReadUInt32BigEndian(Slice(4))) + 1,
            0xca or 0xce or 0xd2 => 4,
            0xcb or 0xcf or 0xd3 => 8,
            0xcc or 0xd0 => 1,
            0xcd or 0xd1 => 2,
            0xd4 => 2,
            0xd5 => 3,
            0xd6 => 5,
            0xd7 => 9,
            0xd8 => 17,
            _ => throw Mismatch("a scalar"),
        };
        Slice(skip);
    }

    private readonly int Remaining => _payload.Length - _position;

    private readonly byte Peek() => _position < _payload.Length ? _payload[_position] : throw Truncated();

    private byte Take()
    {
        var value = Peek();
        _position++;
        return value;
    }

    private ReadOnlySpan<byte> Slice(int length)
    {
        if (length > Remaining)
        {
            throw Truncated();
        }

        var slice = _payload.Slice(_position, length);
        _position += length;
        return slice;
    }

    private static int Length(uint length) => length <= int.MaxValue ? (int)length : throw Truncated();

    private static MsgPackFormatException Truncated() => new("truncated value");

    private static MsgPackFormatException Invalid() => new("the format byte 0xc1 is never used");

    private static MsgPackFormatException Mismatch(string expected) => new($"expected {expected}");
}
