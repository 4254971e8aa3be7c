using System.Text;
using AppServer.Auth.Refresh;

namespace AppServer.Auth.Login;

/// <summary>Builds the browser login's authorize URL (docs/codex-compatibility.md §8.1).</summary>
internal static class AuthorizeUrl
{
    /// <summary>
    /// <c>{issuer}/oauth/authorize</c> with the parameters in upstream's order, every value
    /// percent-encoded (RFC 3986 unreserved characters only). Clients and tests compare the string,
    /// so the order is part of the contract.
    /// </summary>
    public static string Build(
        string issuer,
        string redirectUri,
        string codeChallenge,
        string state,
        string originator,
        string? forcedWorkspaceId)
    {
        var builder = new StringBuilder(LoginEndpoints.Authorize(issuer)).Append('?');
        Append(builder, "response_type", "code", first: true);
        Append(builder, "client_id", TokenRefreshClient.ClientId);
        Append(builder, "redirect_uri", redirectUri);
        Append(builder, "scope", LoginEndpoints.Scope);
        Append(builder, "code_challenge", codeChallenge);
        Append(builder, "code_challenge_method", Pkce.ChallengeMethod);
        Append(builder, "id_token_add_organizations", "true");
        Append(builder, "codex_cli_simplified_flow", "true");
        Append(builder, "state", state);
        Append(builder, "originator", originator);
        if (!string.IsNullOrEmpty(forcedWorkspaceId))
        {
            Append(builder, "allowed_workspace_id", forcedWorkspaceId);
        }

        return builder.ToString();
    }

    private static void Append(StringBuilder builder, string name, string value, bool first = false)
    {
        if (!first)
        {
            builder.Append('&');
        }

        builder.Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }
}
