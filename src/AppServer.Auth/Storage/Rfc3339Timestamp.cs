using System.Globalization;
using System.Text.RegularExpressions;

namespace AppServer.Auth.Storage;

/// <summary>
/// <c>last_refresh</c> timestamps (docs/codex-compatibility.md §1.2). Parsing is RFC 3339 with its common variants
/// (lower-case <c>t</c>/<c>z</c>, a space separator, an offset without colon), because the lenient
/// .NET parser accepts things like <c>"3/24/2026"</c>. Upstream's chrono reader is laxer still
/// (unpadded fields, <c>UTC</c>), but every known writer emits the canonical form this accepts.
/// Formatting matches the upstream writer.
/// </summary>
internal static partial class Rfc3339Timestamp
{
    /// <summary>
    /// Parses <c>YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM|±HHMM)</c>. .NET keeps 100 ns, so digits beyond the
    /// seventh are truncated. The result is in UTC.
    /// </summary>
    public static bool TryParse(string value, out DateTimeOffset result)
    {
        result = default;
        Match match = Pattern().Match(value);
        if (!match.Success)
        {
            return false;
        }

        int year = Number(match, "year");
        int month = Number(match, "month");
        int day = Number(match, "day");
        int hour = Number(match, "hour");
        int minute = Number(match, "minute");
        int second = Number(match, "second");
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long fractionTicks = 0;
        Group fraction = match.Groups["fraction"];
        if (fraction.Success)
        {
            string sevenDigits = fraction.Value.Length >= 7 ? fraction.Value[..7] : fraction.Value.PadRight(7, '0');
            fractionTicks = long.Parse(sevenDigits, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        TimeSpan offset = TimeSpan.Zero;
        if (match.Groups["offsetHour"].Success)
        {
            int offsetHour = Number(match, "offsetHour");
            int offsetMinute = Number(match, "offsetMinute");
            if (offsetHour > 23 || offsetMinute > 59)
            {
                return false;
            }

            offset = new TimeSpan(offsetHour, offsetMinute, 0);
            if (match.Groups["sign"].Value == "-")
            {
                offset = -offset;
            }
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

    private static int Number(Match match, string group) =>
        int.Parse(match.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

    // [0-9] rather than \d, which would also match non-ASCII digits; \z rather than $, which allows a trailing newline.
    [GeneratedRegex(
        @"^(?<year>[0-9]{4})-(?<month>[0-9]{2})-(?<day>[0-9]{2})[Tt ](?<hour>[0-9]{2}):(?<minute>[0-9]{2}):(?<second>[0-9]{2})(?:\.(?<fraction>[0-9]{1,9}))?(?:[Zz]|(?<sign>[+-])(?<offsetHour>[0-9]{2}):?(?<offsetMinute>[0-9]{2}))\z",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();
}
