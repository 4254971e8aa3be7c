using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace AppServer.Framing.MsgPack;

/// <summary>
/// Converts whole JSON-RPC messages between MessagePack and JSON, so StreamJsonRpc's JSON formatter
/// serves <c>--encoding msgpack</c> as well and handlers stay encoding-blind. Incoming: maps become
/// objects (integer keys their decimal text), arrays arrays, integers and floats numbers, binaries
/// base64 strings. Outgoing: objects become maps keyed by name, integral numbers the smallest
/// integer, others float64, and an <c>error</c> gets the nil <c>data</c> key MessagePack peers need.
/// </summary>
/// <remarks>
/// This is the shape StreamJsonRpc's own MessagePack formatters put on the wire (MessagePack-CSharp's
/// <c>MessagePackFormatter</c> and <c>NerdbankMessagePackFormatter</c>), and what both read back.
/// </remarks>
internal static class MsgPackJsonTranscoder
{
    /// <summary>
    /// A MessagePack message as UTF-8 JSON. Call it on a payload <see cref="MsgPackFrameInspector"/>
    /// passed: nesting is already bounded there. Throws <see cref="MsgPackFormatException"/> for what
    /// JSON cannot carry.
    /// </summary>
    public static byte[] ToJson(ReadOnlySpan<byte> payload)
    {
        var json = new ArrayBufferWriter<byte>(payload.Length * 2 + 16);
        var reader = new MsgPackReader(payload);
        using (var writer = new Utf8JsonWriter(json))
        {
            WriteJson(ref reader, writer, depth: 0);
        }

        return json.WrittenSpan.ToArray();
    }

    /// <summary>A JSON-RPC message (UTF-8 JSON, as StreamJsonRpc's formatter wrote it) as MessagePack.</summary>
    public static void ToMessagePack(ReadOnlyMemory<byte> json, IBufferWriter<byte> output)
    {
        using var document = JsonDocument.Parse(json);
        var writer = new MsgPackWriter(output);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            WriteMessagePack(writer, root);
            return;
        }

        writer.WriteMapHeader(Count(root));
        foreach (var member in root.EnumerateObject())
        {
            writer.Write(member.Name);
            if (member.NameEquals("error"u8) && member.Value.ValueKind == JsonValueKind.Object && !member.Value.TryGetProperty("data"u8, out _))
            {
                // StreamJsonRpc's MessagePack client fails the whole connection on an error without "data".
                writer.WriteMapHeader(Count(member.Value) + 1);
                WriteMembers(writer, member.Value);
                writer.Write("data");
                writer.WriteNil();
            }
            else
            {
                WriteMessagePack(writer, member.Value);
            }
        }
    }

    private static void WriteJson(ref MsgPackReader reader, Utf8JsonWriter writer, int depth)
    {
        if (depth > MsgPackFrameInspector.MaxDepth)
        {
            throw new MsgPackFormatException($"nesting deeper than {MsgPackFrameInspector.MaxDepth} levels");
        }

        switch (reader.NextType)
        {
            case MsgPackType.Nil:
                reader.ReadNil();
                writer.WriteNullValue();
                break;
            case MsgPackType.Boolean:
                writer.WriteBooleanValue(reader.ReadBoolean());
                break;
            case MsgPackType.Integer when reader.NextIsLargeUnsigned:
                writer.WriteNumberValue(reader.ReadUInt64());
                break;
            case MsgPackType.Integer:
                writer.WriteNumberValue(reader.ReadInt64());
                break;
            case MsgPackType.Float:
                var number = reader.ReadDouble();
                writer.WriteNumberValue(double.IsFinite(number) ? number : throw new MsgPackFormatException("JSON has no NaN or infinity"));
                break;
            case MsgPackType.String:
                writer.WriteStringValue(Utf8(reader.ReadStringBytes()));
                break;
            case MsgPackType.Binary:
                writer.WriteBase64StringValue(reader.ReadBinary());
                break;
            case MsgPackType.Array:
                var length = reader.ReadArrayHeader();
                writer.WriteStartArray();
                for (var i = 0; i < length; i++)
                {
                    WriteJson(ref reader, writer, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case MsgPackType.Map:
                var count = reader.ReadMapHeader();
                writer.WriteStartObject();
                for (var i = 0; i < count; i++)
                {
                    WriteKey(ref reader, writer);
                    WriteJson(ref reader, writer, depth + 1);
                }

                writer.WriteEndObject();
                break;
            default:
                throw new MsgPackFormatException("JSON has no extension types");
        }
    }

    private static void WriteKey(ref MsgPackReader reader, Utf8JsonWriter writer)
    {
        switch (reader.NextType)
        {
            case MsgPackType.String:
                writer.WritePropertyName(Utf8(reader.ReadStringBytes()));
                break;
            case MsgPackType.Integer when reader.NextIsLargeUnsigned:
                writer.WritePropertyName(reader.ReadUInt64().ToString(CultureInfo.InvariantCulture));
                break;
            case MsgPackType.Integer:
                writer.WritePropertyName(reader.ReadInt64().ToString(CultureInfo.InvariantCulture));
                break;
            default:
                throw new MsgPackFormatException("map keys must be strings or integers");
        }
    }

    /// <summary>The bytes, when they are UTF-8 (Utf8JsonWriter would write U+FFFD for the rest).</summary>
    private static ReadOnlySpan<byte> Utf8(ReadOnlySpan<byte> text) =>
        System.Text.Unicode.Utf8.IsValid(text) ? text : throw new MsgPackFormatException("a string that is not UTF-8");

    private static void WriteMessagePack(MsgPackWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteMapHeader(Count(value));
                WriteMembers(writer, value);
                break;
            case JsonValueKind.Array:
                writer.WriteArrayHeader(value.GetArrayLength());
                foreach (var item in value.EnumerateArray())
                {
                    WriteMessagePack(writer, item);
                }

                break;
            case JsonValueKind.String:
                writer.Write(value.GetString()!);
                break;
            case JsonValueKind.Number when value.TryGetInt64(out var integer):
                writer.Write(integer);
                break;
            case JsonValueKind.Number when value.TryGetUInt64(out var unsigned):
                writer.Write(unsigned);
                break;
            case JsonValueKind.Number:
                writer.Write(value.GetDouble());
                break;
            case JsonValueKind.True:
                writer.Write(true);
                break;
            case JsonValueKind.False:
                writer.Write(false);
                break;
            default:
                writer.WriteNil();
                break;
        }
    }

    private static void WriteMembers(MsgPackWriter writer, JsonElement value)
    {
        foreach (var member in value.EnumerateObject())
        {
            writer.Write(member.Name);
            WriteMessagePack(writer, member.Value);
        }
    }

    private static int Count(JsonElement value)
    {
        var count = 0;
        foreach (var unused in value.EnumerateObject())
        {
            count++;
        }

        return count;
    }
}
