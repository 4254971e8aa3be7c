using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace AppServer.DevIssuer.State;

/// <summary>
/// Single-use refresh tokens, as the real issuer enforces them: redeeming one spends it and issues a
/// successor; presenting a spent one is <c>refresh_token_reused</c>, an unknown or revoked
/// one <c>refresh_token_invalidated</c>. Spending a token does not revoke its successor.
/// </summary>
internal sealed class GrantStore
{
    public const string ReusedCode = "refresh_token_reused";
    public const string InvalidatedCode = "refresh_token_invalidated";

    // Far enough in the past that no skew margin makes an "expired" token look fresh.
    private static readonly TimeSpan s_expiredBy = TimeSpan.FromMinutes(5);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Grant> _grants = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly TimeSpan _accessTokenLifetime;

    public GrantStore(TimeProvider clock, TimeSpan accessTokenLifetime)
    {
        _clock = clock;
        _accessTokenLifetime = accessTokenLifetime;
    }

    public IssuedCredentials Issue(MockAccount account, bool accessTokenExpired)
    {
        var now = _clock.GetUtcNow();
        var exp = accessTokenExpired ? now - s_expiredBy : now + _accessTokenLifetime;
        var credentials = new IssuedCredentials(
            JwtFactory.IdToken(account.Email, account.Plan, account.AccountId, account.UserId),
            JwtFactory.AccessToken(exp, account.AccountId, account.Plan, exp - _accessTokenLifetime),
            "rt-" + RandomNumberGenerator.GetHexString(32, lowercase: true),
            account.AccountId);

        lock (_lock)
        {
            _grants.Add(credentials.RefreshToken, new Grant(account, Used: false));
        }

        return credentials;
    }

    /// <summary>Revokes <paramref name="refreshToken"/>; true when it was one this issuer handed out.</summary>
    public bool Revoke(string refreshToken)
    {
        lock (_lock)
        {
            if (!_grants.TryGetValue(refreshToken, out var grant))
            {
                return false;
            }

            _grants[refreshToken] = grant with { Revoked = true };
            return true;
        }
    }

    /// <summary>Spends <paramref name="refreshToken"/> and issues its successor, or names the 401 code.</summary>
    public bool TryRedeem(
        string refreshToken,
        [NotNullWhen(true)] out IssuedCredentials? credentials,
        [NotNullWhen(false)] out string? errorCode)
    {
        Grant? grant;
        lock (_lock)
        {
            if (!_grants.TryGetValue(refreshToken, out grant))
            {
                (credentials, errorCode) = (null, InvalidatedCode);
                return false;
            }

            if (grant.Revoked)
            {
                // What the real issuer answers for a token a logout revoked.
                (credentials, errorCode) = (null, InvalidatedCode);
                return false;
            }

            if (grant.Used)
            {
                (credentials, errorCode) = (null, ReusedCode);
                return false;
            }

            // Spent under the lock, so of two racing callers exactly one wins.
            _grants[refreshToken] = grant with { Used = true };
        }

        (credentials, errorCode) = (Issue(grant.Account, accessTokenExpired: false), null);
        return true;
    }
}
