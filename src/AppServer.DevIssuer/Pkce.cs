using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AppServer.DevIssuer;

/// <summary>PKCE S256 helpers, shaped like the Codex login server's (docs/codex-compatibility.md §8.1).</summary>
internal static class Pkce
{
    /// <summary>64 random bytes, base64url without padding (86 characters).</summary>
    public static string CreateVerifier() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(64));

    /// <summary>base64url-without-padding of SHA-256 over the verifier's ASCII bytes.</summary>
    public static string Challenge(string verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
    }

    /// <summary>True when <paramref name="verifier"/> hashes to <paramref name="challenge"/>.</summary>
    public static bool Matches(string verifier, string challenge) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Challenge(verifier)),
            Encoding.ASCII.GetBytes(challenge));
}
