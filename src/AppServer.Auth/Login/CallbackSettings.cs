using System.Text;
using AppServer.Auth.Refresh;

namespace AppServer.Auth.Login;

/// <summary>The fixed inputs of one browser login's callback handling.</summary>
/// <param name="Issuer">The issuer base URL.</param>
/// <param name="ForcedWorkspaceId">The only workspace allowed, if any.</param>
/// <param name="Port">The port actually bound (it differs from the option when that is 0).</param>
/// <param name="RedirectUri">The redirect URI sent in the authorize URL, sent again in the exchange.</param>
/// <param name="CodeVerifier">The PKCE verifier. Secret.</param>
/// <param name="State">The expected <c>state</c>. Secret.</param>
internal sealed record CallbackSettings(
    string Issuer,
    string? ForcedWorkspaceId,
    int Port,
    string RedirectUri,
    string CodeVerifier,
    string State)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Issuer = ").Append(Issuer)
            .Append(", ForcedWorkspaceId = ").Append(ForcedWorkspaceId)
            .Append(", Port = ").Append(Port)
            .Append(", RedirectUri = ").Append(RedirectUri)
            .Append(", CodeVerifier = ").Append(RedactedText.Describe(CodeVerifier))
            .Append(", State = ").Append(RedactedText.Describe(State));
        return true;
    }
}
