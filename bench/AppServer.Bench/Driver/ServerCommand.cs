namespace AppServer.Bench.Driver;

/// <summary>A server command line as given, split the way a shell would split it.</summary>
internal sealed record ServerCommand(string Label, string Text, string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Splits <paramref name="text"/> into words (see <see cref="ShellWords"/>); the first word is the program.</summary>
    public static ServerCommand Parse(string label, string text)
    {
        var words = ShellWords.Split(text);
        if (words.Count == 0)
        {
            throw new ArgumentException("The server command is empty.", nameof(text));
        }

        return new ServerCommand(label, text, words[0], words.Skip(1).ToArray());
    }
}
