using System.Text.Json.Nodes;
using AppServer.DevIssuer.State;
using Microsoft.AspNetCore.Http;

namespace AppServer.DevIssuer.Http;

/// <summary>
/// <c>GET /v1/me</c>: a stand-in for the API an IDE calls with its bearer. 200 for a bearer, 401
/// <c>invalid_token</c> for a missing one or one marked rejected (<c>/__admin/reject</c>,
/// <see cref="MockIssuer.RejectAccessToken"/>), so a client can run the whole
/// 401 → <c>rejectedAuthToken</c> → new token loop against the dev issuer.
/// </summary>
internal sealed class ApiHandler(IssuerState state)
{
    private const string BearerPrefix = "Bearer ";

    public Task HandleMeAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var token = authorization.StartsWith(BearerPrefix, StringComparison.Ordinal) ? authorization[BearerPrefix.Length..].Trim() : string.Empty;
        if (token.Length == 0 || state.Rejected.IsRejected(token))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return IssuerResponses.JsonAsync(
                context,
                StatusCodes.Status401Unauthorized,
                new JsonObject { ["error"] = new JsonObject { ["code"] = "invalid_token", ["message"] = "The access token was rejected." } },
                cancellationToken);
        }

        return IssuerResponses.JsonAsync(context, StatusCodes.Status200OK, new JsonObject { ["ok"] = true }, cancellationToken);
    }
}
