using System.Text;
using System.Text.Json.Serialization;

namespace AppServer.Auth.Refresh;

/// <summary>
/// The refresh request body: exactly these four members, in this order, and no <c>scope</c>
/// (removed upstream by PR #12383). <c>refresh_reason</c> is what Codex 0.169 and later send.
/// </summary>
internal sealed record TokenRefreshRequest(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("grant_type")] string GrantType,
    [property: JsonPropertyName("refresh_token")] string RefreshToken,
    [property: JsonPropertyName("refresh_reason")] string RefreshReason)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ClientId = ").Append(ClientId)
            .Append(", GrantType = ").Append(GrantType)
            .Append(", RefreshToken = ").Append(RedactedText.Describe(RefreshToken))
            .Append(", RefreshReason = ").Append(RefreshReason);
        return true;
    }
}
