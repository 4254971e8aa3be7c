using System.Text.Json.Nodes;

namespace AppServer.Dev.Demo;

/// <summary>Shows enough of a token to tell two apart, never enough to use one.</summary>
internal static class Masking
{
    private static readonly HashSet<string> s_secretMembers = new(StringComparer.Ordinal) { "authToken", "apiKey", "accessToken", "rejectedAuthToken" };

    public static string Mask(string value) => value.Length <= 8 ? "••••" : $"{value[..6]}…({value.Length} chars)";

    public static string Render(JsonObject message)
    {
        var copy = message.DeepClone().AsObject();
        copy.Remove("jsonrpc");
        MaskIn(copy);
        return copy.ToJsonString();
    }

    private static void MaskIn(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (s_secretMembers.Contains(name) && value is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        obj[name] = Mask(text);
                    }
                    else
                    {
                        MaskIn(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    MaskIn(item);
                }

                break;
        }
    }
}
