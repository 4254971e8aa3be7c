using System.Diagnostics.CodeAnalysis;
using System.Buffers;
using System.Text.Json;
using MessagePack;
using MessagePack.Resolvers;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace AppServer.Framing;

/// <summary>
/// MessagePack over 4-byte length prefixes, wire-compatible with StreamJsonRpc's
/// <c>MessagePackFormatter</c> + <c>LengthHeaderMessageHandler</c>. User data crosses as
/// <see cref="JsonElement"/> through <see cref="JsonElementResolver"/>, so handlers are encoding-blind.
/// </summary>
internal sealed class MessagePackPayloadCodec : PayloadCodec
{
    private static readonly MessagePackSerializerOptions s_userData = MessagePackSerializerOptions.Standard
        .WithResolver(CompositeResolver.Create(JsonElementResolver.Instance, StandardResolver.Instance))
        .WithSecurity(MessagePackSecurity.UntrustedData);

    public static MessagePackPayloadCodec Instance { get; } = new();

    public override WireFraming? FixedFraming => WireFraming.LengthPrefixed;

    // Only reached in the JIT build: the native binary refuses the msgpack encoding at start
    // (ServeCommand), because this formatter generates serializers at run time.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The native build never constructs this formatter.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "The native build never constructs this formatter.")]
    public override IJsonRpcMessageFormatter CreateFormatter()
    {
        var formatter = new MessagePackFormatter();
        formatter.SetMessagePackSerializerOptions(s_userData);
        return formatter;
    }

    public override FrameVerdict Inspect(byte[] payload) => MessagePackFrameInspector.Inspect(payload);

    public override void WriteError(IBufferWriter<byte> buffer, int code, string message, RawId? id)
    {
        var writer = new MessagePackWriter(buffer);
        WriteError(ref writer, code, message, id);
        writer.Flush();
    }

    public override void Serialize(IBufferWriter<byte> buffer, JsonRpcMessage message, IJsonRpcMessageFormatter formatter)
    {
        if (message is JsonRpcRequest { Arguments: JsonElement { ValueKind: JsonValueKind.Object } parameters } request)
        {
            // Notifications pass a pre-serialized JsonElement as the params object; MessagePackFormatter
            // would reflect over JsonElement's own properties, so hand it the members instead.
            var members = new Dictionary<string, object?>(StringComparer.Ordinal);
            var types = new Dictionary<string, Type>(StringComparer.Ordinal);
            foreach (var property in parameters.EnumerateObject())
            {
                members[property.Name] = property.Value;
                types[property.Name] = typeof(JsonElement);
            }

            request.Arguments = members;
            request.NamedArgumentDeclaredTypes = types;
        }

        formatter.Serialize(buffer, message);
    }

    private static void WriteError(ref MessagePackWriter writer, int code, string message, RawId? id)
    {
        writer.WriteMapHeader(3);
        writer.Write("jsonrpc");
        writer.Write("2.0");
        writer.Write("id");
        if (id is { } raw)
        {
            writer.WriteRaw(raw.Encoded);
        }
        else
        {
            writer.WriteNil();
        }

        writer.Write("error");

        // The same shape MessagePackFormatter writes: StreamJsonRpc's MessagePack client fails the
        // whole connection on an error without a "data" key, so it is present, and always nil.
        writer.WriteMapHeader(3);
        writer.Write("code");
        writer.Write(code);
        writer.Write("message");
        writer.Write(message);
        writer.Write("data");
        writer.WriteNil();
    }
}
