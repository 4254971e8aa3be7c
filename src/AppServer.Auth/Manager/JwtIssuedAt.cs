using System.Text.Json;
using AppServer.Auth.Jwt;

namespace AppServer.Auth.Manager;

/// <summary>The <c>iat</c> claim of an access token, used to estimate clock skew against the issuer.</summary>
internal static class JwtIssuedAt
{
    public static DateTimeOffset? TryGet(string token) =>
        JwtReader.TryReadPayload(token, out var payload)
        && payload.TryGetProperty("iat", out var iat)
        && iat.ValueKind == JsonValueKind.Number
        && iat.TryGetInt64(out var seconds)
        && seconds is > 0 and < 253402300800
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
