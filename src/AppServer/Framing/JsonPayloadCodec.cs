using System.Buffers;
using System.Text.Json;
using AppServer.Rpc;
using StreamJsonRpc;

namespace AppServer.Framing;

/// <summary>UTF-8 JSON, over lines or Content-Length headers as detected from the input.</summary>
internal sealed class JsonPayloadCodec : PayloadCodec
{
    public static JsonPayloadCodec Instance { get; } = new();

    public override WireFraming? FixedFraming => null;

    public override IJsonRpcMessageFormatter CreateFormatter() => new SystemTextJsonFormatter { JsonSerializerOptions = FormatterOptions.Value };

    public override FrameVerdict Inspect(byte[] payload) => FrameInspector.Inspect(payload);

    public override void WriteError(IBufferWriter<byte> buffer, int code, string message, RawId? id)
    {
        using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartObject();
        writer.WriteString("jsonrpc"u8, "2.0"u8);
        writer.WritePropertyName("id"u8);
        if (id is { } raw)
        {
            writer.WriteRawValue(raw.Encoded, skipInputValidation: true);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteStartObject("error"u8);
        writer.WriteNumber("code"u8, code);
        writer.WriteString("message"u8, message);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
