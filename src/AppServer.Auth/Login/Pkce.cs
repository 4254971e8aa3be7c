using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AppServer.Auth.Login;

/// <summary>PKCE (RFC 7636, S256) and the OAuth <c>state</c>, sized as upstream sizes them (docs/codex-compatibility.md §8.1).</summary>
internal static class Pkce
{
    public const string ChallengeMethod = "S256";

    /// <summary>64 random bytes, base64url without padding (86 characters).</summary>
    public static string CreateVerifier() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(64));

    /// <summary>base64url-without-padding of SHA-256 over the verifier's ASCII bytes.</summary>
    public static string ComputeChallenge(string verifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(verifier);
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
    }

    /// <summary>32 random bytes, base64url without padding (43 characters).</summary>
    public static string CreateState() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
