using System.Text.Json;

namespace AppServer.Auth.Jwt;

/// <summary>Reads the top-level <c>exp</c> claim (Unix seconds) that drives access-token staleness (docs/codex-compatibility.md §2.3).</summary>
internal static class JwtExpiry
{
    // DateTimeOffset.FromUnixTimeSeconds throws outside this range; such an exp is treated as invalid.
    private static readonly long s_minUnixSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long s_maxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>
    /// The expiry of <paramref name="token"/>, or <see langword="null"/> when it is not a JWT or has no
    /// usable numeric <c>exp</c>. A fractional <c>exp</c> (allowed by RFC 7519) is truncated to seconds.
    /// </summary>
    public static DateTimeOffset? TryGetExpiry(string? token)
    {
        if (!JwtReader.TryReadPayload(token, out JsonElement payload)
            || !payload.TryGetProperty("exp", out JsonElement exp)
            || exp.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        long seconds;
        if (exp.TryGetInt64(out long whole))
        {
            seconds = whole;
        }
        else if (exp.TryGetDouble(out double fractional) && double.IsFinite(fractional)
            && fractional >= s_minUnixSeconds && fractional <= s_maxUnixSeconds)
        {
            seconds = (long)Math.Floor(fractional);
        }
        else
        {
            return null;
        }

        return seconds >= s_minUnixSeconds && seconds <= s_maxUnixSeconds
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }
}
