using System.Text.Json.Nodes;
using AppServer.DevIssuer.State;
using Microsoft.AspNetCore.Http;

namespace AppServer.DevIssuer.Http;

/// <summary>
/// <c>POST /oauth/revoke</c> (RFC 7009 with Codex's JSON body): records the token and, for a refresh
/// token, revokes the grant, so a later refresh with it gets 401 <c>refresh_token_invalidated</c>.
/// An unknown token is still 200, as RFC 7009 asks: revoking is idempotent.
/// </summary>
internal sealed class RevokeHandler
{
    private readonly IssuerState _state;

    public RevokeHandler(IssuerState state) => _state = state;

    public Task HandleAsync(HttpContext context, RequestFields? fields, CancellationToken cancellationToken)
    {
        if (fields?["token"] is not { Length: > 0 } token)
        {
            return IssuerResponses.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "token is required.", cancellationToken);
        }

        var hint = fields["token_type_hint"];
        if (hint is "refresh_token" && !_state.AcceptsClient(fields.ClientId))
        {
            return IssuerResponses.OAuthErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_client", "Unknown or missing client_id.", cancellationToken);
        }

        // Any hint may be wrong (RFC 7009 §2.1): a refresh token is revoked whatever was said.
        _state.Grants.Revoke(token);
        _state.Revocations.Add(new RevokedToken(token, hint, fields.ClientId));
        return IssuerResponses.JsonAsync(context, StatusCodes.Status200OK, new JsonObject(), cancellationToken);
    }
}
