using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AppServer.Auth.Refresh;

/// <summary>
/// Makes server-supplied text safe to put in a message, a log line or a JSON-RPC error: secrets
/// removed, control characters flattened, length bounded.
/// </summary>
internal static partial class ErrorTextScrubber
{
    public const int MaxLength = 200;

    public const string Redacted = "[redacted]";

    /// <summary>
    /// Removes every occurrence of <paramref name="secret"/> (raw and JSON-escaped, because a raw
    /// body may echo it escaped) and anything shaped like a JWT, then truncates. Scrubbing happens
    /// before truncation so a token cut in half can never survive.
    /// </summary>
    public static string Scrub(string text, string? secret)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!string.IsNullOrEmpty(secret))
        {
            text = text.Replace(secret, Redacted, StringComparison.Ordinal);
            string escaped = JsonEncodedText.Encode(secret).ToString();
            if (!string.Equals(escaped, secret, StringComparison.Ordinal))
            {
                text = text.Replace(escaped, Redacted, StringComparison.Ordinal);
            }
        }

        text = JwtShape().Replace(text, Redacted);
        return Truncate(FlattenControlCharacters(text).Trim());
    }

    // CR/LF from a server must not be able to forge extra log lines.
    private static string FlattenControlCharacters(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString();
    }

    private static string Truncate(string text)
    {
        if (text.Length <= MaxLength)
        {
            return text;
        }

        int cut = char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return string.Concat(text.AsSpan(0, cut), "…");
    }

    // Three base64url segments starting with a JSON header ("eyJ"): access and id tokens.
    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*", RegexOptions.CultureInvariant)]
    private static partial Regex JwtShape();
}
