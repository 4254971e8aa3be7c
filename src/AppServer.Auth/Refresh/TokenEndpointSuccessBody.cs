using System.Text;
using System.Text.Json.Serialization;

namespace AppServer.Auth.Refresh;

/// <summary>
/// A 2xx body from the token endpoint. Every member is optional on the wire; <c>expires_in</c>
/// and anything else are ignored, because staleness comes from the JWT <c>exp</c> (docs/codex-compatibility.md §2.3).
/// </summary>
internal sealed record TokenEndpointSuccessBody(
    [property: JsonPropertyName("id_token")] string? IdToken,
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("IdToken = ").Append(RedactedText.Describe(IdToken))
            .Append(", AccessToken = ").Append(RedactedText.Describe(AccessToken))
            .Append(", RefreshToken = ").Append(RedactedText.Describe(RefreshToken));
        return true;
    }
}
