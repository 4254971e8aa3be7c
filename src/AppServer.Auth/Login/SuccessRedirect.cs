using System.Text;
using System.Text.Json;
using AppServer.Auth.Jwt;

namespace AppServer.Auth.Login;

/// <summary>Where a completed callback sends the browser (docs/codex-compatibility.md §8.1 step 8).</summary>
internal static class SuccessRedirect
{
    /// <summary>
    /// <c>http://localhost:{port}/success</c> with <c>id_token</c>, <c>needs_setup</c>, <c>org_id</c>,
    /// <c>project_id</c>, <c>plan_type</c> and <c>platform_url</c>, in that order. The URL carries the
    /// id_token for the success page, so it must never be logged.
    /// </summary>
    public static string Build(int port, string issuer, ExchangedTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        JsonElement? idAuth = AuthClaims(tokens.IdToken);
        JsonElement? accessAuth = AuthClaims(tokens.AccessToken);

        // Only org owners who have not finished platform onboarding are sent to set it up.
        bool needsSetup = JsonBody.Boolean(idAuth, "completed_platform_onboarding") != true
            && JsonBody.Boolean(idAuth, "is_org_owner") == true;

        var builder = new StringBuilder(LoginEndpoints.SuccessUrlPrefix(port));
        Append(builder, "id_token", tokens.IdToken);
        Append(builder, "needs_setup", needsSetup ? "true" : "false");
        Append(builder, "org_id", JsonBody.String(idAuth, "organization_id") ?? string.Empty);
        Append(builder, "project_id", JsonBody.String(idAuth, "project_id") ?? string.Empty);
        Append(builder, "plan_type", JsonBody.String(accessAuth, "chatgpt_plan_type") ?? string.Empty);
        Append(builder, "platform_url", LoginEndpoints.PlatformUrl(issuer));
        return builder.ToString();
    }

    private static JsonElement? AuthClaims(string token) =>
        JwtReader.TryReadPayload(token, out JsonElement payload) ? JsonBody.Object(payload, IdTokenClaimsParser.AuthClaim) : null;

    private static void Append(StringBuilder builder, string name, string value)
    {
        if (builder[^1] != '?')
        {
            builder.Append('&');
        }

        builder.Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }
}
