using System.Net;
using AppServer.DevIssuer.State;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace AppServer.DevIssuer.Http;

/// <summary>
/// <c>GET /oauth/authorize</c> (docs/codex-compatibility.md §8.1). With <see cref="MockIssuerOptions.AutoApprove"/> it
/// signs the login account in at once and redirects back with <c>code</c> and <c>state</c>, which is
/// what the offline demo's browser needs.
/// </summary>
internal sealed class AuthorizeHandler
{
    private static readonly string s_manualApprovalPage =
        "<!doctype html><html><head><title>Mock issuer</title></head>"
        + "<body>Auto-approve is off: the test completes this sign-in.</body></html>";

    private readonly IssuerState _state;

    public AuthorizeHandler(IssuerState state) => _state = state;

    public async Task HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var problem = Validate(query);
        if (problem is not null)
        {
            await WriteTextAsync(context, StatusCodes.Status400BadRequest, "text/plain; charset=utf-8", problem, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!_state.Options.AutoApprove)
        {
            await WriteTextAsync(context, StatusCodes.Status200OK, "text/html; charset=utf-8", s_manualApprovalPage, cancellationToken).ConfigureAwait(false);
            return;
        }

        var redirectUri = query["redirect_uri"].ToString();
        var credentials = _state.Grants.Issue(_state.Options.LoginAccount, accessTokenExpired: false);
        var code = _state.Codes.Create(query["code_challenge"].ToString(), redirectUri, credentials);

        var parameters = new Dictionary<string, string?> { ["code"] = code };
        if (query.TryGetValue("state", out var state))
        {
            parameters["state"] = state.ToString();
        }

        context.Response.Redirect(QueryHelpers.AddQueryString(redirectUri, parameters));
    }

    private string? Validate(IQueryCollection query)
    {
        if (query["response_type"] != "code")
        {
            return "response_type must be code.";
        }

        if (!_state.AcceptsClient(query["client_id"]))
        {
            return "Unknown or missing client_id.";
        }

        // Only loopback callbacks: the mock must never send a browser (with a code) anywhere else.
        if (!Uri.TryCreate(query["redirect_uri"], UriKind.Absolute, out var redirect) || !IsLoopback(redirect))
        {
            return "redirect_uri must be an absolute loopback URL.";
        }

        if (string.IsNullOrEmpty(query["code_challenge"]) || query["code_challenge_method"] != "S256")
        {
            return "code_challenge with code_challenge_method=S256 is required.";
        }

        return null;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static async Task WriteTextAsync(HttpContext context, int status, string contentType, string text, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(text, cancellationToken).ConfigureAwait(false);
    }
}
