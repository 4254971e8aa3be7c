using System.Text;
using System.Text.Json;

namespace AppServer.Auth.Refresh;

/// <summary>
/// Makes server-supplied text safe to put in a message, a log line or a JSON-RPC error: secrets
/// removed, control characters flattened, length bounded.
/// </summary>
internal static class ErrorTextScrubber
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

        text = RedactJwtShapes(text);
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

    /// <summary>
    /// Replaces what is shaped like a JWT (access and id tokens): <c>eyJ</c> (a JSON header, base64url),
    /// then base64url characters, a dot, one or more again, a dot, and any number: the leftmost
    /// such run each time, as the regular expression <c>eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*</c> would.
    /// </summary>
    private static string RedactJwtShapes(string text)
    {
        var start = text.IndexOf("eyJ", StringComparison.Ordinal);
        if (start < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var copied = 0;
        while (start >= 0)
        {
            var end = JwtShapeEnd(text, start);
            if (end < 0)
            {
                start = text.IndexOf("eyJ", start + 1, StringComparison.Ordinal);
                continue;
            }

            builder.Append(text, copied, start - copied).Append(Redacted);
            copied = end;
            start = text.IndexOf("eyJ", end, StringComparison.Ordinal);
        }

        return builder.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Where the JWT shape starting at <paramref name="start"/> ends, or -1 when it is not one.</summary>
    private static int JwtShapeEnd(string text, int start)
    {
        var header = Base64UrlRunEnd(text, start + 3);
        if (header == start + 3 || header >= text.Length || text[header] != '.')
        {
            return -1;
        }

        var payload = Base64UrlRunEnd(text, header + 1);
        if (payload == header + 1 || payload >= text.Length || text[payload] != '.')
        {
            return -1;
        }

        return Base64UrlRunEnd(text, payload + 1);
    }

    private static int Base64UrlRunEnd(string text, int index)
    {
        while (index < text.Length && (char.IsAsciiLetterOrDigit(text[index]) || text[index] is '-' or '_'))
        {
            index++;
        }

        return index;
    }
}
