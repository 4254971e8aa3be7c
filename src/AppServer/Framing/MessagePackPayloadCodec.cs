using System.Buffers;
using AppServer.Framing.MsgPack;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace AppServer.Framing;

/// <summary>
/// MessagePack over 4-byte length prefixes. Each message is transcoded to JSON on the way in and
/// from JSON on the way out (<see cref="MsgPackJsonTranscoder"/>), and StreamJsonRpc's own JSON
/// formatter does the JSON-RPC work, exactly as under <c>--encoding json</c>. So the NativeAOT
/// binary serves this encoding with no serializer generated at build or run time beyond the JSON
/// one it already has, and every handler, params check and error message is the same in both.
/// </summary>
/// <remarks>
/// On the wire this matches what StreamJsonRpc's MessagePack formatters (MessagePack-CSharp's
/// <c>MessagePackFormatter</c>, <c>NerdbankMessagePackFormatter</c>) send and read with
/// <c>LengthHeaderMessageHandler</c>: envelope maps keyed by name, integer or string ids, errors
/// with code, message and a nil data. StreamJsonRpc's Nerdbank formatter was the first way this
/// binary served MessagePack; it brought 5.7 MB of async converters into a 12 MB budget.
/// </remarks>
internal sealed class MessagePackPayloadCodec : PayloadCodec
{
    public static MessagePackPayloadCodec Instance { get; } = new();

    public override WireFraming? FixedFraming => WireFraming.LengthPrefixed;

    public override IJsonRpcMessageFormatter CreateFormatter() => JsonPayloadCodec.Instance.CreateFormatter();

    public override FrameVerdict Inspect(byte[] payload) => MsgPackFrameInspector.Inspect(payload);

    public override JsonRpcMessage Deserialize(byte[] payload, IJsonRpcMessageFormatter formatter) =>
        base.Deserialize(MsgPackJsonTranscoder.ToJson(payload), formatter);

    public override void Serialize(IBufferWriter<byte> buffer, JsonRpcMessage message, IJsonRpcMessageFormatter formatter)
    {
        var json = new ArrayBufferWriter<byte>(256);
        formatter.Serialize(json, message);
        MsgPackJsonTranscoder.ToMessagePack(json.WrittenMemory, buffer);
    }

    public override void WriteError(IBufferWriter<byte> buffer, int code, string message, RawId? id)
    {
        var writer = new MsgPackWriter(buffer);
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

        // The shape the transcoder gives every error: "data" present (StreamJsonRpc's MessagePack
        // client fails the connection without it) and nil.
        writer.Write("error");
        writer.WriteMapHeader(3);
        writer.Write("code");
        writer.Write(code);
        writer.Write("message");
        writer.Write(message);
        writer.Write("data");
        writer.WriteNil();
    }
}
