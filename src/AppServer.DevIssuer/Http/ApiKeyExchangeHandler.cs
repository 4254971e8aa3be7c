using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AppServer.DevIssuer.State;
using Microsoft.AspNetCore.Http;

namespace AppServer.DevIssuer.Http;

/// <summary>
/// <c>POST /oauth/token</c> with the token-exchange grant (docs/codex-compatibility.md §8.1 step 6): trades an id_token
/// for a mock API key.
/// </summary>
internal sealed class ApiKeyExchangeHandler
{
    public const string GrantType = "urn:ietf:params:oauth:grant-type:token-exchange";

    private readonly IssuerState _state;

    public ApiKeyExchangeHandler(IssuerState state) => _state = state;

    public Task HandleAsync(HttpContext context, RequestFields fields, CancellationToken cancellationToken)
    {
        if (!_state.AcceptsClient(fields.ClientId))
        {
            return IssuerResponses.OAuthErrorAsync(
                context, StatusCodes.Status401Unauthorized, "invalid_client", "Unknown or missing client_id.", cancellationToken);
        }

        if (fields["requested_token"] != "openai-api-key")
        {
            return IssuerResponses.OAuthErrorAsync(
                context, StatusCodes.Status400BadRequest, "invalid_request", "requested_token must be openai-api-key.", cancellationToken);
        }

        if (!LooksLikeJwt(fields["subject_token"]))
        {
            return IssuerResponses.OAuthErrorAsync(
                context, StatusCodes.Status400BadRequest, "invalid_grant", "subject_token must be an id_token.", cancellationToken);
        }

        var key = "sk-mock-" + RandomNumberGenerator.GetHexString(40, lowercase: true);
        return IssuerResponses.JsonAsync(context, StatusCodes.Status200OK, new JsonObject { ["access_token"] = key }, cancellationToken);
    }

    // Same shape rule clients apply (docs/codex-compatibility.md §1.5): three non-empty dot-separated segments.
    private static bool LooksLikeJwt(string? token) =>
        token?.Split('.') is { Length: 3 } segments && segments.All(s => s.Length > 0);
}
