using System.Text.Json;

namespace AppServer.Auth.Login;

/// <summary>The detail of a failed code exchange (docs/codex-compatibility.md §8.1 step 4).</summary>
internal static class TokenEndpointErrorDetail
{
    public const string Unknown = "unknown error";

    /// <summary>
    /// <c>error_description</c>, else <c>error.message</c>, else the <c>error</c> string or
    /// <c>error.code</c>, else the raw body; blank values count as absent. The result is unscrubbed.
    /// </summary>
    public static string Describe(string? body)
    {
        string trimmed = body?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return Unknown;
        }

        try
        {
            using var document = JsonDocument.Parse(trimmed);
            if (FromJson(document.RootElement) is { } detail)
            {
                return detail;
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, plain text): the raw body is the best detail there is.
        }

        return trimmed;
    }

    private static string? FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        JsonElement? error = root.TryGetProperty("error", out JsonElement e) ? e : null;
        string? code = NonBlankString(error) ?? NonBlankString(Member(error, "code"));
        return NonBlankString(Member(root, "error_description"))
            ?? NonBlankString(Member(error, "message"))
            ?? code;
    }

    private static JsonElement? Member(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out JsonElement value) ? value : null;

    private static string? NonBlankString(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.String } e && e.GetString() is { } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : null;
}
