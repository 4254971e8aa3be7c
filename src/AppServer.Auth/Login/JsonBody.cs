using System.Text.Json;

namespace AppServer.Auth.Login;

/// <summary>Lenient reads of small JSON answers from the issuer. Never throws for bad input.</summary>
internal static class JsonBody
{
    /// <summary>The root object of <paramref name="body"/>, or <see langword="null"/> when it is not a JSON object.</summary>
    public static JsonElement? ParseObject(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A non-empty string member, else <see langword="null"/>: an empty token is no token.</summary>
    public static string? String(JsonElement? parent, string name) =>
        Member(parent, name) is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: > 0 } text ? text : null;

    public static bool? Boolean(JsonElement? parent, string name) =>
        Member(parent, name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;

    public static JsonElement? Object(JsonElement? parent, string name) =>
        Member(parent, name) is { ValueKind: JsonValueKind.Object } value ? value : null;

    private static JsonElement? Member(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out JsonElement value) ? value : null;
}
