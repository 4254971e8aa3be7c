using System.Text;
using AppServer.Auth.Refresh;

namespace AppServer.Auth.Login;

/// <summary>What an approved device-code poll returns: the code and the PKCE verifier that redeems it.</summary>
internal sealed record DeviceAuthorization(string AuthorizationCode, string CodeVerifier)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AuthorizationCode = ").Append(RedactedText.Describe(AuthorizationCode))
            .Append(", CodeVerifier = ").Append(RedactedText.Describe(CodeVerifier));
        return true;
    }
}
