using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AppServer.DevIssuer.Http;

/// <summary>The response bodies the issuer's own logic writes.</summary>
internal static class IssuerResponses
{
    // The default encoder writes every quote inside a string as \u0022, which reads as escaped twice
    // in curl's output; these bodies go to a loopback client, never into HTML.
    private static readonly JsonSerializerOptions s_readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task JsonAsync(HttpContext context, int status, JsonNode body, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(s_readable), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>RFC 6749 flat shape, used by the login grants: <c>{"error":…,"error_description":…}</c>.</summary>
    public static Task OAuthErrorAsync(HttpContext context, int status, string error, string description, CancellationToken cancellationToken) =>
        JsonAsync(context, status, new JsonObject { ["error"] = error, ["error_description"] = description }, cancellationToken);

    /// <summary>The nested shape the refresh grant uses (docs/codex-compatibility.md §3.3): <c>{"error":{"code":…,"message":…}}</c>.</summary>
    public static Task RefreshErrorAsync(HttpContext context, int status, string code, string message, CancellationToken cancellationToken) =>
        JsonAsync(
            context,
            status,
            new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } },
            cancellationToken);

    public static Task TokensAsync(HttpContext context, IssuedCredentials credentials, CancellationToken cancellationToken) =>
        JsonAsync(
            context,
            StatusCodes.Status200OK,
            new JsonObject
            {
                ["id_token"] = credentials.IdToken,
                ["access_token"] = credentials.AccessToken,
                ["refresh_token"] = credentials.RefreshToken,
            },
            cancellationToken);

    public static Task NotFoundAsync(HttpContext context, CancellationToken cancellationToken) =>
        JsonAsync(context, StatusCodes.Status404NotFound, new JsonObject { ["error"] = "not_found" }, cancellationToken);
}
