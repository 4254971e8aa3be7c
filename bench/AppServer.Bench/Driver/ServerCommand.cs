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

    /// <summary>
    /// The size of the program file on disk: the executable, or the dll of a <c>dotnet x.dll</c>
    /// command (whose runtime is shared, so only the dll is its own). Null when it cannot be found.
    /// </summary>
    public long? ProgramBytes()
    {
        var dll = Arguments.FirstOrDefault(a => a.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
        var program = Path.GetFileNameWithoutExtension(FileName) == "dotnet" && dll is not null ? dll : FileName;
        if (!program.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            program = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(directory => Path.Combine(directory, program))
                .FirstOrDefault(File.Exists) ?? program;
        }

        return File.Exists(program) ? new FileInfo(program).Length : null;
    }
}
