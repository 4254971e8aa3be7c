using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AppServer.DevIssuer.Http;

namespace AppServer.DevIssuer.Tests.Support;

/// <summary>The requests a Codex client sends, spelled out once so the tests read as scenarios.</summary>
internal static class IssuerHttp
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static HttpClient ClientFor(MockIssuer issuer, bool followRedirects = true) =>
        new(new HttpClientHandler { AllowAutoRedirect = followRedirects }) { BaseAddress = issuer.BaseUri, Timeout = Patience };

    public static Task<HttpResponseMessage> RefreshAsync(
        this HttpClient http,
        string refreshToken,
        CancellationToken cancellationToken = default,
        string clientId = MockIssuerOptions.CodexClientId) =>
        http.PostAsync(
            IssuerPaths.Token,
            Json(new JsonObject { ["client_id"] = clientId, ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }),
            cancellationToken);

    public static Task<HttpResponseMessage> ExchangeCodeAsync(this HttpClient http, string code, string redirectUri, string verifier) =>
        http.PostAsync(
            IssuerPaths.Token,
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = redirectUri,
                ["client_id"] = MockIssuerOptions.CodexClientId,
                ["code_verifier"] = verifier,
            }));

    public static Task<HttpResponseMessage> ExchangeForApiKeyAsync(this HttpClient http, string idToken, string requestedToken = "openai-api-key") =>
        http.PostAsync(
            IssuerPaths.Token,
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
                ["client_id"] = MockIssuerOptions.CodexClientId,
                ["requested_token"] = requestedToken,
                ["subject_token"] = idToken,
                ["subject_token_type"] = "urn:ietf:params:oauth:token-type:id_token",
            }));

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient http, string path, JsonObject body) =>
        http.PostAsync(path, Json(body));

    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The refresh error code, from <c>{"error":{"code":…}}</c>.</summary>
    public static async Task<string?> ReadErrorCodeAsync(this HttpResponseMessage response) =>
        (string?)(await response.ReadJsonAsync())["error"]?["code"];

    /// <summary>The OAuth error, from <c>{"error":…}</c>.</summary>
    public static async Task<string?> ReadOAuthErrorAsync(this HttpResponseMessage response) =>
        (string?)(await response.ReadJsonAsync())["error"];

    private static StringContent Json(JsonObject body) =>
        new(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
