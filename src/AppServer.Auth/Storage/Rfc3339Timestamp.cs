using System.Globalization;

namespace AppServer.Auth.Storage;

/// <summary>
/// <c>last_refresh</c> timestamps (docs/codex-compatibility.md §1.2). Parsing is RFC 3339 with its common variants
/// (lower-case <c>t</c>/<c>z</c>, a space separator, an offset without colon), because the lenient
/// .NET parser accepts things like <c>"3/24/2026"</c>. Upstream's chrono reader is laxer still
/// (unpadded fields, <c>UTC</c>), but every known writer emits the canonical form this accepts.
/// Formatting matches the upstream writer.
/// </summary>
internal static class Rfc3339Timestamp
{
    /// <summary>
    /// Parses <c>YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM|±HHMM)</c>. .NET keeps 100 ns, so digits beyond the
    /// seventh are truncated. The result is in UTC.
    /// </summary>
    public static bool TryParse(string value, out DateTimeOffset result)
    {
        result = default;
        var text = value.AsSpan();

        // YYYY-MM-DD, then T, t or a space, then HH:MM:SS: fixed positions.
        if (text.Length < 20
            || !Digits(text[..4], out var year) || text[4] != '-'
            || !Digits(text[5..7], out var month) || text[7] != '-'
            || !Digits(text[8..10], out var day) || text[10] is not ('T' or 't' or ' ')
            || !Digits(text[11..13], out var hour) || text[13] != ':'
            || !Digits(text[14..16], out var minute) || text[16] != ':'
            || !Digits(text[17..19], out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var rest = text[19..];
        long fractionTicks = 0;
        if (rest[0] == '.')
        {
            var length = rest[1..].IndexOfAnyExceptInRange('0', '9');
            length = length < 0 ? rest.Length - 1 : length;
            if (length is < 1 or > 9)
            {
                return false;
            }

            // .NET keeps 100 ns: seven digits, the rest truncated, fewer padded with zeros.
            var kept = Math.Min(7, length);
            Digits(rest.Slice(1, kept), out var ticks);
            for (var digit = kept; digit < 7; digit++)
            {
                ticks *= 10;
            }

            fractionTicks = ticks;
            rest = rest[(1 + length)..];
        }

        if (!TryParseOffset(rest, out var offset))
        {
            return false;
        }

        long localTicks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fractionTicks;
        long utcTicks = localTicks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        result = new DateTimeOffset(utcTicks, TimeSpan.Zero);
        return true;
    }

    /// <summary>
    /// Formats as UTC with a <c>Z</c> suffix and 0, 3, 6 or 9 fractional digits: the fewest that hold
    /// the value exactly. Deterministic, because callers fingerprint the serialized file.
    /// </summary>
    public static string Format(DateTimeOffset value)
    {
        DateTime utc = value.UtcDateTime;
        long fraction = utc.Ticks % TimeSpan.TicksPerSecond;
        string digits =
            fraction == 0 ? string.Empty
            : fraction % 10_000 == 0 ? "." + (fraction / 10_000).ToString("D3", CultureInfo.InvariantCulture)
            : fraction % 10 == 0 ? "." + (fraction / 10).ToString("D6", CultureInfo.InvariantCulture)
            : "." + fraction.ToString("D7", CultureInfo.InvariantCulture) + "00";
        return utc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture) + digits + "Z";
    }

    /// <summary>The whole rest: <c>Z</c>/<c>z</c>, or <c>±HH:MM</c> / <c>±HHMM</c>.</summary>
    private static bool TryParseOffset(ReadOnlySpan<char> text, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (text is "Z" or "z")
        {
            return true;
        }

        if (text.Length is not (5 or 6) || text[0] is not ('+' or '-'))
        {
            return false;
        }

        var minutes = text.Length == 6 ? text[4..] : text[3..];
        if (!Digits(text[1..3], out var offsetHour) || (text.Length == 6 && text[3] != ':')
            || !Digits(minutes, out var offsetMinute) || offsetHour > 23 || offsetMinute > 59)
        {
            return false;
        }

        offset = new TimeSpan(offsetHour, offsetMinute, 0);
        if (text[0] == '-')
        {
            offset = -offset;
        }

        return true;
    }

    /// <summary>ASCII digits only: char.IsDigit and int.Parse would also take other scripts' digits.</summary>
    private static bool Digits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
