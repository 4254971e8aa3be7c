using System.Text;

namespace AppServer.Auth.Refresh;

/// <summary>
/// The tokens from a successful refresh. <see cref="AccessToken"/> is required: upstream treats a
/// 200 <c>{}</c> as success and only bumps <c>last_refresh</c>, but here it is a transient failure
/// so nothing is applied (docs/failure-modes.md RESP-01).
/// </summary>
/// <param name="IdToken">A new id_token, or <see langword="null"/> to keep the stored one and its claims.</param>
/// <param name="AccessToken">The new access token; never empty.</param>
/// <param name="RefreshToken">A rotated refresh token, or <see langword="null"/> to keep the stored one.</param>
internal sealed record TokenResponse(string? IdToken, string AccessToken, string? RefreshToken)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("IdToken = ").Append(RedactedText.Describe(IdToken))
            .Append(", AccessToken = ").Append(RedactedText.Describe(AccessToken))
            .Append(", RefreshToken = ").Append(RedactedText.Describe(RefreshToken));
        return true;
    }
}
