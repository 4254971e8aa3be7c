using System.Diagnostics.CodeAnalysis;
using AppServer.Auth.Jwt;
using AppServer.Auth.Storage;

namespace AppServer.Auth.Login;

/// <summary>The record a finished ChatGPT login writes (docs/codex-compatibility.md §1.2, "what each writer produces").</summary>
internal static class LoginRecordBuilder
{
    /// <summary>
    /// <c>auth_mode</c> chatgpt, the key (or <see langword="null"/>), all four token fields with
    /// <c>account_id</c> from the id_token's <c>chatgpt_account_id</c>, and <c>last_refresh</c> now.
    /// Nothing of the previous file is carried over. <see langword="false"/> when the id_token is not
    /// a JWT: such a record could never be loaded again (docs/codex-compatibility.md §1.2), so it is not worth saving.
    /// </summary>
    public static bool TryBuild(ExchangedTokens tokens, string? apiKey, DateTimeOffset now, [NotNullWhen(true)] out AuthRecord? record)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (!IdTokenClaimsParser.TryParse(tokens.IdToken, out IdTokenClaims? claims))
        {
            record = null;
            return false;
        }

        record = new AuthRecord
        {
            ExplicitMode = CredentialMode.ChatGpt,
            ApiKey = apiKey,
            Tokens = new TokenData(tokens.IdToken, claims, tokens.AccessToken, tokens.RefreshToken, claims.AccountId),
            LastRefresh = now.ToUniversalTime(),
        };
        return true;
    }
}
