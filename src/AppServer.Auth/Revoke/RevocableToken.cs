using AppServer.Auth.Refresh;
using AppServer.Auth.Storage;

namespace AppServer.Auth.Revoke;

/// <summary>
/// The one token a revoke sends for a set of managed ChatGPT tokens: the refresh token (with the
/// client id), or the access token when there is no refresh token. Revoking the refresh token ends
/// the whole grant at the issuer, so it is preferred.
/// </summary>
internal sealed record RevocableToken(string Token, string TypeHint)
{
    public const string RefreshTokenHint = "refresh_token";

    public const string AccessTokenHint = "access_token";

    public bool IsRefreshToken => TypeHint == RefreshTokenHint;

    public RevokeRequest ToRequest() => new(Token, TypeHint, IsRefreshToken ? TokenRefreshClient.ClientId : null);

    /// <summary>The token to revoke from <paramref name="tokens"/>; null when both are empty.</summary>
    public static RevocableToken? From(TokenData? tokens)
    {
        if (tokens is null)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(tokens.RefreshToken))
        {
            return new RevocableToken(tokens.RefreshToken, RefreshTokenHint);
        }

        return string.IsNullOrEmpty(tokens.AccessToken) ? null : new RevocableToken(tokens.AccessToken, AccessTokenHint);
    }

    /// <summary>
    /// Whether replacing <paramref name="previous"/> by <paramref name="replacement"/> retires the
    /// previous grant: true unless the replacement still carries the very token that would be revoked
    /// (revoking it would log the new login out at the issuer).
    /// </summary>
    public static RevocableToken? Retired(TokenData? previous, TokenData? replacement)
    {
        if (From(previous) is not { } token)
        {
            return null;
        }

        if (replacement is null)
        {
            return token;
        }

        string kept = token.IsRefreshToken ? replacement.RefreshToken : replacement.AccessToken;
        return string.Equals(kept, token.Token, StringComparison.Ordinal) ? null : token;
    }

    // The token itself never reaches a log line or an exception message through ToString.
    public override string ToString() => $"RevocableToken {{ TypeHint = {TypeHint} }}";
}
