using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace AppServer.Auth.Jwt;

/// <summary>
/// Splits a compact JWT and decodes its payload (docs/codex-compatibility.md §1.5). The signature is never verified:
/// the claims are display hints and identity-guard inputs, not proof of anything.
/// </summary>
internal static class JwtReader
{
    // Only the payload is decoded, so only its alphabet is checked. The decoder skips whitespace,
    // which a compact JWT never contains, so a strict check up front keeps "a b c" from passing.
    private static readonly SearchValues<char> s_base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>
    /// Reads the payload of <paramref name="jwt"/>: exactly three non-empty dot-separated segments,
    /// and a base64url payload (padding tolerated) that decodes to a JSON object.
    /// </summary>
    /// <param name="payload">A standalone copy of the payload object; it does not need disposing.</param>
    public static bool TryReadPayload(string? jwt, out JsonElement payload)
    {
        payload = default;
        if (string.IsNullOrEmpty(jwt))
        {
            return false;
        }

        ReadOnlySpan<char> rest = jwt;
        int firstDot = rest.IndexOf('.');
        if (firstDot <= 0)
        {
            return false;
        }

        rest = rest[(firstDot + 1)..];
        int secondDot = rest.IndexOf('.');
        if (secondDot <= 0)
        {
            return false;
        }

        ReadOnlySpan<char> signature = rest[(secondDot + 1)..];
        if (signature.IsEmpty || signature.Contains('.'))
        {
            return false;
        }

        return TryDecodeObject(rest[..secondDot], out payload);
    }

    private static bool TryDecodeObject(ReadOnlySpan<char> encoded, out JsonElement payload)
    {
        payload = default;
        ReadOnlySpan<char> unpadded = encoded.TrimEnd('=');
        if (unpadded.IsEmpty || encoded.Length - unpadded.Length > 2 || unpadded.ContainsAnyExcept(s_base64UrlAlphabet))
        {
            return false;
        }

        byte[] decoded = new byte[Base64Url.GetMaxDecodedLength(unpadded.Length)];
        if (Base64Url.DecodeFromChars(unpadded, decoded, out _, out int written) != OperationStatus.Done)
        {
            return false;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(decoded.AsMemory(0, written));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            payload = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
