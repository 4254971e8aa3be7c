using System.Text.Json;

namespace AppServer.Framing;

/// <summary>
/// A cheap pass over a JSON frame before StreamJsonRpc sees it: is it well-formed UTF-8 JSON, is the root
/// an object, and what is its <c>id</c> (so an error reply can echo it).
/// </summary>
internal static class FrameInspector
{
    public static FrameVerdict Inspect(byte[] payload)
    {
        if (payload.Length == 0)
        {
            return FrameVerdict.ParseError("empty message");
        }

        // Utf8JsonReader does not validate the bytes inside string values; JSON text must be UTF-8.
        if (!System.Text.Unicode.Utf8.IsValid(payload))
        {
            return FrameVerdict.ParseError("invalid UTF-8");
        }

        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read())
            {
                return FrameVerdict.ParseError("empty message");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                var problem = reader.TokenType == JsonTokenType.StartArray
                    ? "batch requests are not supported; send one message per frame"
                    : "a message must be a JSON object";
                reader.Skip();
                return EnsureSingleValue(ref reader, payload) ?? FrameVerdict.InvalidRequest(problem, id: null);
            }

            RawId? id = null;
            var hasMethod = false;
            var hasResult = false;
            var scalarParams = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "id" when reader.TokenType is JsonTokenType.String or JsonTokenType.Number:
                        id = new RawId(reader.TokenType == JsonTokenType.String ? JsonSerializer.SerializeToUtf8Bytes(reader.GetString(), Rpc.RpcJsonContext.Default.String) : reader.ValueSpan.ToArray());
                        break;
                    case "method" when reader.TokenType == JsonTokenType.String:
                        hasMethod = true;
                        break;
                    case "result" or "error":
                        hasResult = true;
                        break;
                    case "params" when reader.TokenType is JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                        scalarParams = true;
                        break;
                }

                reader.Skip();
            }

            if (EnsureSingleValue(ref reader, payload) is { } trailing)
            {
                return trailing;
            }

            if (hasMethod && scalarParams)
            {
                return FrameVerdict.ScalarParams(id);
            }

            return hasMethod || hasResult
                ? FrameVerdict.Valid(id, isResponse: !hasMethod)
                : FrameVerdict.InvalidRequest("a message needs a string 'method' (or a 'result'/'error')", id);
        }
        catch (JsonException ex)
        {
            return FrameVerdict.ParseError($"invalid JSON at byte {Offset(payload, ex)}");
        }
    }

    /// <summary>
    /// Anything but whitespace after the root value. Checked on the bytes rather than with another
    /// Read: the reader (single-value mode) throws on a second value, which would report it as
    /// "invalid JSON" at some byte instead of saying what is wrong.
    /// </summary>
    private static FrameVerdict? EnsureSingleValue(ref Utf8JsonReader reader, byte[] payload) =>
        payload.AsSpan((int)reader.BytesConsumed).IndexOfAnyExcept(" \t\r\n"u8) >= 0
            ? FrameVerdict.ParseError("unexpected data after the JSON value")
            : null;

    /// <summary>
    /// The 0-based offset of the bad byte in the whole payload. The reader reports a line and a
    /// position in that line; a Content-Length body may span lines, so the two are combined.
    /// </summary>
    private static long Offset(byte[] payload, JsonException ex)
    {
        var lineStart = 0;
        for (var line = 0L; line < (ex.LineNumber ?? 0); line++)
        {
            var newline = payload.AsSpan(lineStart).IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            lineStart += newline + 1;
        }

        return lineStart + (ex.BytePositionInLine ?? 0);
    }
}
