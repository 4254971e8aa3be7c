using System.Net;
using System.Text;
using AppServer.DevIssuer.State;
using Microsoft.AspNetCore.Http;

namespace AppServer.DevIssuer.Http;

/// <summary>
/// <c>GET /codex/device</c>, the verification page a device-code login points the user at. Opening
/// it with <c>?user_code=…</c> signs in <see cref="MockIssuerOptions.LoginAccount"/> for that code,
/// so an extension author can finish a device-code login by hand against the dev issuer.
/// </summary>
internal sealed class DeviceVerificationHandler(IssuerState state)
{
    public async Task HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var userCode = context.Request.Query["user_code"].ToString();
        if (userCode.Length == 0)
        {
            await WriteAsync(context, StatusCodes.Status200OK, "<form method=\"get\"><label>Code <input name=\"user_code\" autofocus></label> <button>Approve</button></form>", cancellationToken).ConfigureAwait(false);
            return;
        }

        var issuer = $"{context.Request.Scheme}://{context.Request.Host}";
        var credentials = state.Grants.Issue(state.Options.LoginAccount, accessTokenExpired: false);
        var verifier = Pkce.CreateVerifier();
        var challenge = Pkce.Challenge(verifier);
        try
        {
            var code = state.Codes.Create(challenge, issuer + IssuerPaths.DeviceCallback, credentials);
            state.Devices.Approve(userCode, new DeviceApproval(code, challenge, verifier));
        }
        catch (ArgumentException)
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, $"<p>No device-code login is waiting for {WebUtility.HtmlEncode(userCode)}.</p>", cancellationToken).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, StatusCodes.Status200OK, $"<p>Approved {WebUtility.HtmlEncode(userCode)}. The login completes at its next poll.</p>", cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext context, int status, string body, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes($"<!doctype html><title>Dev issuer: device login</title>{body}"), cancellationToken).ConfigureAwait(false);
    }
}
