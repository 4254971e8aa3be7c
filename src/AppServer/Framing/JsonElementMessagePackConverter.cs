using System.Buffers;
using System.Text.Json;
using Nerdbank.MessagePack;
using PolyType;

namespace AppServer.Framing;

/// <summary>
/// Converts between MessagePack and <see cref="JsonElement"/>, the one type handlers take and return
/// (raw params in, pre-serialized results out). So every handler, its params validation and its
/// error messages work unchanged under <c>--encoding msgpack</c>: maps become objects, arrays arrays,
/// integers and floats numbers, binaries base64 strings; extensions and non-finite floats are refused.
/// </summary>
/// <remarks>
/// Written by hand rather than taken from Nerdbank.MessagePack's own System.Text.Json converters:
/// those refuse binaries, integer map keys and a nil root, which MessagePack clients (StreamJsonRpc's
/// MessagePack-CSharp formatter among them) can send.
/// </remarks>
internal sealed class JsonElementMessagePackConverter : MessagePackConverter<JsonElement>
{
    public static JsonElementMessagePackConverter Instance { get; } = new();

    public override void Write(ref MessagePackWriter writer, in JsonElement value, SerializationContext context)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                context.DepthStep();
                var count = 0;
                foreach (var unused in value.EnumerateObject())
                {
                    count++;
                }

                writer.WriteMapHeader(count);
                foreach (var property in value.EnumerateObject())
                {
                    writer.Write(property.Name);
                    Write(ref writer, property.Value, context);
                }

                break;
            case JsonValueKind.Array:
                context.DepthStep();
                writer.WriteArrayHeader(value.GetArrayLength());
                foreach (var item in value.EnumerateArray())
                {
                    Write(ref writer, item, context);
                }

                break;
            case JsonValueKind.String:
                writer.Write(value.GetString());
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

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "NBMsgPack031:Converters should read or write exactly one msgpack structure", Justification = "WriteValue reads exactly one value, recursively.")]
    public override JsonElement Read(ref MessagePackReader reader, SerializationContext context)
    {
        var json = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(json))
        {
            WriteValue(ref reader, writer, context);
        }

        using var document = JsonDocument.Parse(json.WrittenMemory);
        return document.RootElement.Clone();
    }

    public override System.Text.Json.Nodes.JsonObject? GetJsonSchema(JsonSchemaContext context, ITypeShape typeShape) => null;

    private static void WriteValue(ref MessagePackReader reader, Utf8JsonWriter writer, SerializationContext context)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                writer.WriteNullValue();
                break;
            case MessagePackType.Boolean:
                writer.WriteBooleanValue(reader.ReadBoolean());
                break;
            case MessagePackType.Integer when reader.NextCode == MessagePackCode.UInt64:
                writer.WriteNumberValue(reader.ReadUInt64());
                break;
            case MessagePackType.Integer:
                writer.WriteNumberValue(reader.ReadInt64());
                break;
            case MessagePackType.Float:
                var number = reader.ReadDouble();
                if (!double.IsFinite(number))
                {
                    throw new MessagePackSerializationException("JSON has no representation for NaN or infinity.");
                }

                writer.WriteNumberValue(number);
                break;
            case MessagePackType.String:
                writer.WriteStringValue(reader.ReadString());
                break;
            case MessagePackType.Binary:
                writer.WriteBase64StringValue(reader.ReadBytes()!.Value.ToArray());
                break;
            case MessagePackType.Array:
                context.DepthStep();
                var length = reader.ReadArrayHeader();
                writer.WriteStartArray();
                for (var i = 0; i < length; i++)
                {
                    WriteValue(ref reader, writer, context);
                }

                writer.WriteEndArray();
                break;
            case MessagePackType.Map:
                context.DepthStep();
                var count = reader.ReadMapHeader();
                writer.WriteStartObject();
                for (var i = 0; i < count; i++)
                {
                    writer.WritePropertyName(ReadKey(ref reader));
                    WriteValue(ref reader, writer, context);
                }

                writer.WriteEndObject();
                break;
            default:
                throw new MessagePackSerializationException("MessagePack extension types have no JSON representation.");
        }
    }

    private static string ReadKey(ref MessagePackReader reader) => reader.NextMessagePackType switch
    {
        MessagePackType.String => reader.ReadString()!,
        MessagePackType.Integer => reader.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new MessagePackSerializationException("Map keys must be strings."),
    };
}
