using System.Text;

namespace AppServer.Bench.Driver;

/// <summary>
/// Splits a command line into words the way a POSIX shell does for the simple cases: blanks separate
/// words, '…' keeps everything literally, "…" keeps blanks and honours \" and \\, and a backslash
/// outside quotes escapes the next character. No expansion of any kind.
/// </summary>
internal static class ShellWords
{
    public static IReadOnlyList<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                continue;
            }

            inWord = true;
            switch (c)
            {
                case '\'':
                    var close = text.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        throw new FormatException($"Unterminated ' in: {text}");
                    }

                    word.Append(text, i + 1, close - i - 1);
                    i = close;
                    break;
                case '"':
                    i = ReadDoubleQuoted(text, i + 1, word);
                    break;
                case '\\' when i + 1 < text.Length:
                    word.Append(text[++i]);
                    break;
                default:
                    word.Append(c);
                    break;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>Appends the inside of a "…" word starting at <paramref name="start"/>; returns the index of the closing quote.</summary>
    private static int ReadDoubleQuoted(string text, int start, StringBuilder word)
    {
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                return i;
            }

            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`')
            {
                word.Append(text[++i]);
            }
            else
            {
                word.Append(c);
            }
        }

        throw new FormatException($"Unterminated \" in: {text}");
    }
}
