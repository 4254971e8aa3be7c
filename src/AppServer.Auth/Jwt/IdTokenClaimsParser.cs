using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace AppServer.Auth.Jwt;

/// <summary>
/// Extracts <see cref="IdTokenClaims"/> from a JWT (docs/codex-compatibility.md §1.5). A claim of the wrong JSON type
/// counts as absent: a surprising token must degrade to "unknown", never fail a load.
/// </summary>
internal static class IdTokenClaimsParser
{
    /// <summary>The namespaced claim object that holds <c>email</c> when it is not top-level.</summary>
    public const string ProfileClaim = "https://api.openai.com/profile";

    /// <summary>The namespaced claim object with the ChatGPT plan, user and account ids (and login-server extras, §8.1).</summary>
    public const string AuthClaim = "https://api.openai.com/auth";

    /// <summary>Parses the claims; <see langword="false"/> only when <paramref name="jwt"/> is not a JWT.</summary>
    public static bool TryParse(string? jwt, [NotNullWhen(true)] out IdTokenClaims? claims)
    {
        if (!JwtReader.TryReadPayload(jwt, out JsonElement payload))
        {
            claims = null;
            return false;
        }

        claims = FromPayload(payload);
        return true;
    }

    /// <summary>Reads the claims from an already decoded payload object.</summary>
    public static IdTokenClaims FromPayload(JsonElement payload)
    {
        JsonElement? auth = GetObject(payload, AuthClaim);
        return new IdTokenClaims(
            Email: GetString(payload, "email") ?? GetString(GetObject(payload, ProfileClaim), "email"),
            PlanType: GetString(auth, "chatgpt_plan_type"),
            ChatGptUserId: GetString(auth, "chatgpt_user_id") ?? GetString(auth, "user_id"),
            AccountId: GetString(auth, "chatgpt_account_id"));
    }

    private static JsonElement? GetObject(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } p
            && p.TryGetProperty(name, out JsonElement value)
            && value.ValueKind == JsonValueKind.Object
            ? value
            : null;

    private static string? GetString(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } p
            && p.TryGetProperty(name, out JsonElement value)
            && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
