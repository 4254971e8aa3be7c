using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace AppServer.Testing;

/// <summary>
/// The frames <see cref="JsonLineClient"/> writes and reads in each <see cref="ClientEncoding"/>.
/// Tests always speak JSON text; under MessagePack it is converted on the way out and back, so the
/// same assertions hold on every encoding.
/// </summary>
internal static class ClientFrames
{
    /// <summary>One frame for one message's text. Text that is not JSON goes out as its bytes (a malformed frame).</summary>
    public static byte[] Encode(string text, ClientEncoding encoding)
    {
        switch (encoding)
        {
            case ClientEncoding.Lines:
                return Encoding.UTF8.GetBytes(text + "\n");
            case ClientEncoding.Headers:
                var body = Encoding.UTF8.GetBytes(text);
                return [.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body];
            default:
                var payload = TryToMessagePack(text) ?? Encoding.UTF8.GetBytes(text);
                var prefix = new byte[4];
                BinaryPrimitives.WriteInt32BigEndian(prefix, payload.Length);
                return [.. prefix, .. payload];
        }
    }

    /// <summary>The next message's JSON text, or null at the end of the stream.</summary>
    public static async Task<string?> ReadAsync(Stream input, ClientEncoding encoding)
    {
        if (encoding == ClientEncoding.Headers)
        {
            int? length = null;
            while (await ReadHeaderLineAsync(input) is { } header)
            {
                if (header.Length == 0)
                {
                    var body = await ReadExactlyAsync(input, length ?? throw new InvalidDataException("a header frame without Content-Length"));
                    return body is null ? null : Encoding.UTF8.GetString(body);
                }

                if (header.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                {
                    length = int.Parse(header["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            return null;
        }

        var prefix = await ReadExactlyAsync(input, 4);
        if (prefix is null)
        {
            return null;
        }

        var payload = await ReadExactlyAsync(input, BinaryPrimitives.ReadInt32BigEndian(prefix)) ?? throw new EndOfStreamException("the stream ended inside a frame");
        return WithoutNilErrorData(MessagePackToJson(payload));
    }

    /// <summary>
    /// MessagePack to JSON text through <see cref="Utf8JsonWriter"/>, which escapes every string.
    /// (MessagePack-CSharp's own ConvertToJson copies control characters raw, so a server that
    /// echoes a hostile client string would look like invalid JSON.)
    /// </summary>
    private static string MessagePackToJson(byte[] payload)
    {
        var reader = new global::MessagePack.MessagePackReader(payload);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteValue(ref reader, writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteValue(ref global::MessagePack.MessagePackReader reader, Utf8JsonWriter writer)
    {
        switch (reader.NextMessagePackType)
        {
            case global::MessagePack.MessagePackType.Nil:
                reader.ReadNil();
                writer.WriteNullValue();
                break;
            case global::MessagePack.MessagePackType.Boolean:
                writer.WriteBooleanValue(reader.ReadBoolean());
                break;
            case global::MessagePack.MessagePackType.Integer:
                writer.WriteNumberValue(reader.ReadInt64());
                break;
            case global::MessagePack.MessagePackType.Float:
                writer.WriteNumberValue(reader.ReadDouble());
                break;
            case global::MessagePack.MessagePackType.String:
                writer.WriteStringValue(reader.ReadString());
                break;
            case global::MessagePack.MessagePackType.Binary:
                writer.WriteBase64StringValue(System.Buffers.BuffersExtensions.ToArray(reader.ReadBytes()!.Value));
                break;
            case global::MessagePack.MessagePackType.Array:
                var items = reader.ReadArrayHeader();
                writer.WriteStartArray();
                for (var i = 0; i < items; i++)
                {
                    WriteValue(ref reader, writer);
                }

                writer.WriteEndArray();
                break;
            case global::MessagePack.MessagePackType.Map:
                var members = reader.ReadMapHeader();
                writer.WriteStartObject();
                for (var i = 0; i < members; i++)
                {
                    writer.WritePropertyName(reader.ReadString() ?? string.Empty);
                    WriteValue(ref reader, writer);
                }

                writer.WriteEndObject();
                break;
            default:
                throw new InvalidDataException($"the server sent a MessagePack {reader.NextMessagePackType}, which has no JSON form");
        }
    }

    /// <summary>
    /// Under MessagePack every error carries <c>"data": nil</c> (StreamJsonRpc's MessagePack client
    /// needs the key; the transport tests pin it). The committed schema describes the JSON wire, where
    /// the key is absent, so it is dropped here, and only when it is nil.
    /// </summary>
    private static string WithoutNilErrorData(string json)
    {
        if (System.Text.Json.Nodes.JsonNode.Parse(json) is System.Text.Json.Nodes.JsonObject { } message
            && message["error"] is System.Text.Json.Nodes.JsonObject { } error
            && error.TryGetPropertyValue("data", out var data) && data is null)
        {
            error.Remove("data");
            return message.ToJsonString();
        }

        return json;
    }

    private static byte[]? TryToMessagePack(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return global::MessagePack.MessagePackSerializer.ConvertFromJson(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<string?> ReadHeaderLineAsync(Stream input)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (await input.ReadAsync(one) == 1)
        {
            if (one[0] == (byte)'\n')
            {
                return Encoding.ASCII.GetString([.. line]).TrimEnd('\r');
            }

            line.Add(one[0]);
        }

        return null;
    }

    private static async Task<byte[]?> ReadExactlyAsync(Stream input, int count)
    {
        var buffer = new byte[count];
        var read = await input.ReadAtLeastAsync(buffer, count, throwOnEndOfStream: false);
        return read == 0 && count > 0 ? null : read < count ? throw new EndOfStreamException("the stream ended inside a frame") : buffer;
    }
}
