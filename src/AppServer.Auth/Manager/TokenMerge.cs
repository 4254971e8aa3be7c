using AppServer.Auth.Jwt;
using AppServer.Auth.Refresh;
using AppServer.Auth.Storage;

namespace AppServer.Auth.Manager;

/// <summary>
/// Applies a refresh response to the stored record (docs/codex-compatibility.md §2.2): only the fields the response
/// carried are replaced, a missing refresh token keeps the old one, <c>account_id</c> never changes
/// (no silent account switch), and <c>last_refresh</c> becomes now.
/// </summary>
internal static class TokenMerge
{
    /// <param name="idTokenRejected">The response's id_token was not a JWT and was not applied.</param>
    public static AuthRecord Apply(AuthRecord record, TokenResponse response, DateTimeOffset now, out bool idTokenRejected)
    {
        var tokens = record.Tokens ?? throw new InvalidOperationException("Only records with tokens can be refreshed.");
        idTokenRejected = false;
        var idToken = tokens.IdToken;
        var claims = tokens.IdClaims;
        if (response.IdToken is { Length: > 0 } newIdToken)
        {
            if (IdTokenClaimsParser.TryParse(newIdToken, out var newClaims))
            {
                idToken = newIdToken;
                claims = newClaims;
            }
            else
            {
                // Keep the old id_token but still apply the new access and refresh tokens: the old
                // refresh token is already spent, so dropping the response would lose the login.
                idTokenRejected = true;
            }
        }

        return record with
        {
            Tokens = tokens with
            {
                IdToken = idToken,
                IdClaims = claims,
                AccessToken = response.AccessToken,
                RefreshToken = response.RefreshToken is { Length: > 0 } refreshToken ? refreshToken : tokens.RefreshToken,
            },
            LastRefresh = now,
        };
    }
}
