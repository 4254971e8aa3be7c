using System.Text.Json.Serialization;

namespace AppServer.Auth.Revoke;

/// <summary>
/// The JSON body of a revoke request, member for member as Codex sends it. <c>client_id</c> is
/// sent with a refresh token only; an access-token revoke carries none.
/// </summary>
internal sealed record RevokeRequest(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("token_type_hint")] string TokenTypeHint,
    [property: JsonPropertyName("client_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientId);
