using System.Text.Json;

namespace AppServer.Auth.Refresh;

/// <summary>The two things read from an error body: the code that drives classification and a message.</summary>
/// <param name="Code">The ASCII-lowercased error code, or <see langword="null"/>.</param>
/// <param name="Message"><c>error.message</c> when <c>error</c> is an object holding a string <c>message</c>; unscrubbed.</param>
internal sealed record RefreshErrorBody(string? Code, string? Message)
{
    private static readonly RefreshErrorBody s_empty = new(null, null);

    /// <summary>
    /// Reads a body the way upstream does (docs/codex-compatibility.md §3.3). It never throws: a body that is not a
    /// JSON object simply has no code, which is what a proxy's HTML error page must look like.
    /// </summary>
    public static RefreshErrorBody Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return s_empty;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? Read(document.RootElement) : s_empty;
        }
        catch (JsonException)
        {
            return s_empty;
        }
    }

    private static RefreshErrorBody Read(JsonElement root)
    {
        string? code = null;
        string? message = null;
        if (root.TryGetProperty("error", out JsonElement error))
        {
            if (error.ValueKind == JsonValueKind.Object)
            {
                code = StringMember(error, "code");
                message = StringMember(error, "message");
            }
            else if (error.ValueKind == JsonValueKind.String)
            {
                code = error.GetString();
            }
        }

        // A non-string error.code (null, a number) does not count as present, so the top-level
        // code still gets its turn, as upstream's Option chain does.
        code ??= StringMember(root, "code");
        return new RefreshErrorBody(code is null ? null : AsciiLower(code), message);
    }

    private static string? StringMember(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // ASCII only, as upstream's to_ascii_lowercase: culture-aware lowering could turn a lookalike
    // code (e.g. with a Turkish dotted I) into a terminal one.
    private static string AsciiLower(string value) =>
        string.Create(value.Length, value, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                char c = source[i];
                span[i] = c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c;
            }
        });
}
