using System.Buffers;
using System.Text.Json;
using Nerdbank.MessagePack;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace AppServer.Framing;

/// <summary>
/// MessagePack over 4-byte length prefixes, through StreamJsonRpc's
/// <see cref="NerdbankMessagePackFormatter"/>: its serializers come from source-generated PolyType
/// shapes, so the NativeAOT binary serves this encoding too. On the wire it matches what
/// StreamJsonRpc's MessagePack-CSharp <c>MessagePackFormatter</c> + <c>LengthHeaderMessageHandler</c>
/// send and read (envelope maps keyed by name, integer or string ids, error code/message/data).
/// User data crosses as <see cref="JsonElement"/> through
/// <see cref="JsonElementMessagePackConverter"/>, so handlers are encoding-blind.
/// </summary>
internal sealed class MessagePackPayloadCodec : PayloadCodec
{
    // Built once: a serializer caches its converter graph.
    private static readonly MessagePackSerializer s_userData = NerdbankMessagePackFormatter.DefaultSerializer with
    {
        Converters = [.. NerdbankMessagePackFormatter.DefaultSerializer.Converters, JsonElementMessagePackConverter.Instance],
    };

    public static MessagePackPayloadCodec Instance { get; } = new();

    public override WireFraming? FixedFraming => WireFraming.LengthPrefixed;

    public override IJsonRpcMessageFormatter CreateFormatter() => new NerdbankMessagePackFormatter
    {
        TypeShapeProvider = MessagePackShapes.GeneratedTypeShapeProvider,
        UserDataSerializer = s_userData,
    };

    public override FrameVerdict Inspect(byte[] payload) => MessagePackFrameInspector.Inspect(payload);

    /// <summary>
    /// Adds <c>params: {}</c> to a request that has none. StreamJsonRpc's Nerdbank formatter binds
    /// arguments only from a params map or array and fails an internal assertion (answered -32603)
    /// without one, where the JSON formatters treat a missing member as empty: Codex clients leave
    /// it out of <c>account/read</c>, <c>getUserAgent</c> and the like.
    /// </summary>
    public override byte[] WithEmptyParams(byte[] payload)
    {
        var reader = new Nerdbank.MessagePack.MessagePackReader(payload);
        var count = reader.ReadMapHeader();
        var entries = payload.AsSpan((int)reader.Consumed);
        var buffer = new ArrayBufferWriter<byte>(payload.Length + 16);
        var writer = new Nerdbank.MessagePack.MessagePackWriter(buffer);
        writer.WriteMapHeader(count + 1);
        writer.WriteRaw(entries);
        writer.Write("params");
        writer.WriteMapHeader(0);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public override void WriteError(IBufferWriter<byte> buffer, int code, string message, RawId? id)
    {
        var writer = new Nerdbank.MessagePack.MessagePackWriter(buffer);
        WriteError(ref writer, code, message, id);
        writer.Flush();
    }

    public override void Serialize(IBufferWriter<byte> buffer, JsonRpcMessage message, IJsonRpcMessageFormatter formatter)
    {
        if (message is JsonRpcRequest { Arguments: JsonElement { ValueKind: JsonValueKind.Object } parameters } request)
        {
            // Notifications pass a pre-serialized JsonElement as the params object; the formatter
            // would look for a shape of its CLR properties, so hand it the members instead.
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

    private static void WriteError(ref Nerdbank.MessagePack.MessagePackWriter writer, int code, string message, RawId? id)
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

        // The same shape both StreamJsonRpc formatters write: StreamJsonRpc's MessagePack client fails the
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
