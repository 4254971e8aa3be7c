using System.Globalization;
using System.Text;

namespace AppServer.Hosting;

/// <summary>
/// Makes text a client controls (method names, ids, <c>clientInfo</c>, messages quoting them) safe
/// to write to a terminal. Control characters are written as <c>\uXXXX</c>: C0 and DEL (escape
/// sequences could recolour, retitle or clear the terminal of whoever reads the log), C1 (8-bit
/// CSI), the Unicode line and paragraph separators (forged log lines), and the bidi controls
/// (text that reads differently from what it is). Every log call that writes a client value goes
/// through here, and so does every line the stderr logger writes.
/// </summary>
internal static class ClientText
{
    /// <summary>Longest client value logged whole; a method name or id can be megabytes long.</summary>
    public const int MaxValueLength = 200;

    /// <summary>One client value for a log line: escaped, and cut to <see cref="MaxValueLength"/> characters.</summary>
    public static string ForLog(string? value)
    {
        if (value is null)
        {
            return "(null)";
        }

        var cut = value.Length > MaxValueLength
            ? string.Concat(value.AsSpan(0, MaxValueLength), $"…(+{value.Length - MaxValueLength} chars)")
            : value;
        return Escape(cut);
    }

    /// <summary>Free text that may quote client values (a third-party trace message, a whole log line): escaped, never cut.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = IndexOfUnsafe(text);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (IsUnsafe(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    internal static bool IsUnsafe(char c) =>
        c <= '\u001F'
        || c is >= '\u007F' and <= '\u009F'
        || c is '\u061C' or '\u200E' or '\u200F' or '\u2028' or '\u2029'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';

    private static int IndexOfUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
