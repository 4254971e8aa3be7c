using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace AppServer.DevIssuer.State;

/// <summary>
/// Authorization codes bound to a PKCE challenge and a redirect URI. A code is spent only by a
/// successful exchange, so a test can show a wrong verifier failing and the right one then working.
/// </summary>
internal sealed class AuthorizationCodeStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PendingAuthorizationCode> _codes = new(StringComparer.Ordinal);

    public string Create(string codeChallenge, string redirectUri, IssuedCredentials credentials)
    {
        var code = "ac-" + RandomNumberGenerator.GetHexString(32, lowercase: true);
        lock (_lock)
        {
            _codes.Add(code, new PendingAuthorizationCode(codeChallenge, redirectUri, credentials));
        }

        return code;
    }

    /// <summary>Checks code, redirect URI and verifier; on failure names why, for <c>error_description</c>.</summary>
    public bool TryRedeem(
        string code,
        string redirectUri,
        string codeVerifier,
        [NotNullWhen(true)] out IssuedCredentials? credentials,
        [NotNullWhen(false)] out string? error)
    {
        credentials = null;
        lock (_lock)
        {
            if (!_codes.TryGetValue(code, out var pending))
            {
                error = "Unknown or already used authorization code.";
                return false;
            }

            // Exact match, as RFC 6749 §4.1.3 requires of the real issuer.
            if (!string.Equals(pending.RedirectUri, redirectUri, StringComparison.Ordinal))
            {
                error = "redirect_uri does not match the authorization request.";
                return false;
            }

            if (!Pkce.Matches(codeVerifier, pending.CodeChallenge))
            {
                error = "code_verifier does not match the code_challenge.";
                return false;
            }

            _codes.Remove(code);
            credentials = pending.Credentials;
            error = null;
            return true;
        }
    }
}
