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
                return EnsureSingleValue(ref reader) ?? FrameVerdict.InvalidRequest(problem, id: null);
            }

            RawId? id = null;
            var hasMethod = false;
            var hasResult = false;
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
                }

                reader.Skip();
            }

            if (EnsureSingleValue(ref reader) is { } trailing)
            {
                return trailing;
            }

            return hasMethod || hasResult
                ? FrameVerdict.Valid(id)
                : FrameVerdict.InvalidRequest("a message needs a string 'method' (or a 'result'/'error')", id);
        }
        catch (JsonException ex)
        {
            return FrameVerdict.ParseError(ex.BytePositionInLine is { } position ? $"invalid JSON at byte {position}" : "invalid JSON");
        }
    }

    private static FrameVerdict? EnsureSingleValue(ref Utf8JsonReader reader) =>
        reader.Read() ? FrameVerdict.ParseError("unexpected data after the JSON value") : null;
}
