using System.Buffers;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace AppServer.Framing;

/// <summary>
/// The encoding-specific half of <see cref="FramedMessageHandler"/>: the formatter, how a payload is
/// checked before StreamJsonRpc sees it, and how the handler writes an error reply of its own.
/// </summary>
internal abstract class PayloadCodec
{
    /// <summary>The framing this encoding always uses, or null when it is detected from the input.</summary>
    public abstract WireFraming? FixedFraming { get; }

    public static PayloadCodec For(WireEncoding encoding) => encoding switch
    {
        WireEncoding.Json => JsonPayloadCodec.Instance,
        WireEncoding.MessagePack => MessagePackPayloadCodec.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
    };

    /// <summary>A new formatter (one per connection: StreamJsonRpc formatters hold per-connection state).</summary>
    public abstract IJsonRpcMessageFormatter CreateFormatter();

    public abstract FrameVerdict Inspect(byte[] payload);

    /// <summary>Reads a payload the inspector passed into StreamJsonRpc's message.</summary>
    public virtual JsonRpcMessage Deserialize(byte[] payload, IJsonRpcMessageFormatter formatter) =>
        formatter.Deserialize(new ReadOnlySequence<byte>(payload));

    /// <summary>An error response that did not come from StreamJsonRpc (a refused frame, an overload).</summary>
    public abstract void WriteError(IBufferWriter<byte> buffer, int code, string message, RawId? id);

    /// <summary>Serializes an outgoing message from StreamJsonRpc.</summary>
    public virtual void Serialize(IBufferWriter<byte> buffer, JsonRpcMessage message, IJsonRpcMessageFormatter formatter) =>
        formatter.Serialize(buffer, message);
}
