using System.Globalization;
using System.Text.Json.Nodes;
using AppServer.DevIssuer;

namespace AppServer.Testing;

/// <summary>auth.json contents in the exact on-disk format Codex writes (docs/codex-compatibility.md §1.2).</summary>
internal static class AuthFixtures
{
    public static string ApiKey(string key) =>
        new JsonObject { ["auth_mode"] = "apikey", ["OPENAI_API_KEY"] = key }.ToJsonString();

    public static string ChatGpt(IssuedCredentials credentials, DateTimeOffset? lastRefresh, string? accessToken = null, string? refreshToken = null, string? idToken = null, string? accountId = null) =>
        ChatGptNode(credentials, lastRefresh, accessToken, refreshToken, idToken, accountId).ToJsonString();

    public static JsonObject ChatGptNode(IssuedCredentials credentials, DateTimeOffset? lastRefresh, string? accessToken = null, string? refreshToken = null, string? idToken = null, string? accountId = null)
    {
        var node = new JsonObject
        {
            ["auth_mode"] = "chatgpt",
            ["OPENAI_API_KEY"] = null,
            ["tokens"] = new JsonObject
            {
                ["id_token"] = idToken ?? credentials.IdToken,
                ["access_token"] = accessToken ?? credentials.AccessToken,
                ["refresh_token"] = refreshToken ?? credentials.RefreshToken,
                ["account_id"] = accountId ?? credentials.AccountId,
            },
        };
        if (lastRefresh is { } at)
        {
            node["last_refresh"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        }

        return node;
    }
}
