using System.Diagnostics.CodeAnalysis;
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

    // The formatter is annotated as not AOT-safe in general. Here every user value that crosses it
    // (JsonElement params and results, RequestId) is resolved by source-generated contexts; the
    // options carry no reflection resolver. The process-level suite runs against the native binary.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "All user data is resolved by source-generated JsonSerializerContexts.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "All user data is resolved by source-generated JsonSerializerContexts.")]
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
