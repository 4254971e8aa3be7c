using System.Text;
using AppServer.Auth.Refresh;

namespace AppServer.Auth.Login;

/// <summary>The three tokens an authorization-code exchange must return (docs/codex-compatibility.md §8.1 step 4).</summary>
internal sealed record ExchangedTokens(string IdToken, string AccessToken, string RefreshToken)
{
    // Records print every member; this one must never print a token.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("IdToken = ").Append(RedactedText.Describe(IdToken))
            .Append(", AccessToken = ").Append(RedactedText.Describe(AccessToken))
            .Append(", RefreshToken = ").Append(RedactedText.Describe(RefreshToken));
        return true;
    }
}
