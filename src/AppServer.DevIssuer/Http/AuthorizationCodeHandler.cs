using AppServer.DevIssuer.State;
using Microsoft.AspNetCore.Http;

namespace AppServer.DevIssuer.Http;

/// <summary>
/// <c>POST /oauth/token</c> with <c>grant_type=authorization_code</c> (docs/codex-compatibility.md §8.1 step 4): the code
/// must exist, the redirect URI must match, and the verifier must hash to the stored S256 challenge.
/// </summary>
internal sealed class AuthorizationCodeHandler
{
    private readonly IssuerState _state;

    public AuthorizationCodeHandler(IssuerState state) => _state = state;

    public Task HandleAsync(HttpContext context, RequestFields fields, CancellationToken cancellationToken)
    {
        if (!_state.AcceptsClient(fields.ClientId))
        {
            return IssuerResponses.OAuthErrorAsync(
                context, StatusCodes.Status401Unauthorized, "invalid_client", "Unknown or missing client_id.", cancellationToken);
        }

        if (fields["code"] is not { Length: > 0 } code
            || fields["redirect_uri"] is not { Length: > 0 } redirectUri
            || fields["code_verifier"] is not { Length: > 0 } verifier)
        {
            return IssuerResponses.OAuthErrorAsync(
                context, StatusCodes.Status400BadRequest, "invalid_request", "code, redirect_uri and code_verifier are required.", cancellationToken);
        }

        return _state.Codes.TryRedeem(code, redirectUri, verifier, out var credentials, out var error)
            ? IssuerResponses.TokensAsync(context, credentials, cancellationToken)
            : IssuerResponses.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_grant", error, cancellationToken);
    }
}
