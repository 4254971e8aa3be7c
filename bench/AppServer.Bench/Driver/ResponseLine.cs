using System.Text.Json;

namespace AppServer.Bench.Driver;

/// <summary>What the driver needs from one line the server wrote: the numeric id and whether it is a result.</summary>
internal readonly record struct ResponseLine(long Id, bool IsResult)
{
    /// <summary>
    /// Reads the top-level <c>id</c> (a number) and whether a top-level <c>result</c> is present.
    /// False for notifications and server-to-client requests (anything with a <c>method</c>), string
    /// or null ids, and anything that is not a JSON object.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out ResponseLine response)
    {
        response = default;
        long? id = null;
        var isResult = false;
        var isRequest = false;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value))
                    {
                        id = value;
                    }
                }
                else
                {
                    isResult |= reader.ValueTextEquals("result"u8);
                    isRequest |= reader.ValueTextEquals("method"u8);
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        if (id is not { } found || isRequest)
        {
            return false;
        }

        response = new ResponseLine(found, isResult);
        return true;
    }
}
