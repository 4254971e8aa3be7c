using AppServer.Auth.Jwt;

namespace AppServer.Auth.Storage;

/// <summary>The <c>tokens</c> object of <c>auth.json</c>.</summary>
/// <param name="IdToken">The raw id_token JWT, written back unchanged.</param>
/// <param name="IdClaims">Claims parsed from <paramref name="IdToken"/>.</param>
/// <param name="AccessToken">The bearer token; a JWT in practice, whose <c>exp</c> drives staleness.</param>
/// <param name="RefreshToken">Single-use refresh token; <c>""</c> for host-supplied tokens.</param>
/// <param name="AccountId">ChatGPT workspace/account id, copied from the id_token at login; refresh never changes it.</param>
/// <param name="UnknownFields">Members of the <c>tokens</c> object this version does not know, preserved on rewrite.</param>
internal sealed record TokenData(
    string IdToken,
    IdTokenClaims IdClaims,
    string AccessToken,
    string RefreshToken,
    string? AccountId,
    IReadOnlyDictionary<string, System.Text.Json.JsonElement>? UnknownFields = null);
