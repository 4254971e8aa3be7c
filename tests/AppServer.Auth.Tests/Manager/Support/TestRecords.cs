using System.Globalization;
using AppServer.Auth.Jwt;
using AppServer.Auth.Storage;
using AppServer.Auth.Tests.TestSupport;

namespace AppServer.Auth.Tests.Manager.Support;

/// <summary>Credential records for the pure unit tests (no issuer, no disk).</summary>
internal static class TestRecords
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Managed ChatGPT credentials with the given access token and identity.</summary>
    public static AuthRecord ChatGpt(
        string accessToken = "at-opaque",
        DateTimeOffset? lastRefresh = null,
        string? accountId = "acct_123",
        string? userId = "user-123",
        string refreshToken = "rt-1")
    {
        var idToken = userId is null
            ? TestJwt.Create("""{"email":"user@example.com"}""")
            : TestJwt.IdToken(userId: userId, accountId: accountId ?? "acct_123");
        IdTokenClaimsParser.TryParse(idToken, out var claims).Should().BeTrue();
        return new AuthRecord
        {
            ExplicitMode = CredentialMode.ChatGpt,
            Tokens = new TokenData(idToken, claims!, accessToken, refreshToken, accountId),
            LastRefresh = lastRefresh ?? Now,
        };
    }

    /// <summary>An access-token JWT with only the claims given (either may be left out).</summary>
    public static string AccessToken(DateTimeOffset? exp, DateTimeOffset? issuedAt = null)
    {
        var members = new List<string>();
        if (exp is { } e)
        {
            members.Add("\"exp\":" + e.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        }

        if (issuedAt is { } iat)
        {
            members.Add("\"iat\":" + iat.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        }

        return TestJwt.Create("{" + string.Join(",", members) + "}");
    }
}
