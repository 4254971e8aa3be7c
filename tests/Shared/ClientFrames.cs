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
        return WithoutNilErrorData(global::MessagePack.MessagePackSerializer.ConvertToJson(payload));
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
