using AppServer.Testing;

namespace AppServer.Tests.Protocol;

/// <summary>
/// A golden transcript from <c>protocol/transcripts/*.transcript</c>: what a client sends and what
/// the server answers, line by line. The same files are shown verbatim in protocol/README.md.
/// </summary>
internal sealed record Transcript(string Name, string Text, IReadOnlyList<TranscriptLine> Lines)
{
    public const string Extension = ".transcript";

    public static string Folder => Path.Combine(RepositoryRoot.Path, "protocol", "transcripts");

    public static IReadOnlyList<string> Names() =>
        [.. Directory.EnumerateFiles(Folder, "*" + Extension).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!];

    public static Transcript Load(string name)
    {
        var text = File.ReadAllText(Path.Combine(Folder, name + Extension)).ReplaceLineEndings("\n");
        var lines = new List<TranscriptLine>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            if (raw.Length == 0)
            {
                continue;
            }

            var kind = raw[0] switch
            {
                '#' => TranscriptLineKind.Comment,
                '!' => TranscriptLineKind.Directive,
                '→' => TranscriptLineKind.Send,
                '←' => TranscriptLineKind.Receive,
                _ => throw new FormatException($"{name}{Extension}:{number}: a line starts with #, !, → or ←: {raw}"),
            };
            lines.Add(new TranscriptLine(number, kind, raw.Length > 2 ? raw[2..] : string.Empty));
        }

        return new Transcript(name, text, lines);
    }
}
