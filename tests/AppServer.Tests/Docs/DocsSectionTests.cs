using System.Text.RegularExpressions;
using AppServer.Testing;

namespace AppServer.Tests.Docs;

/// <summary>
/// Every section number the code, tests and protocol docs cite ("docs/codex-compatibility.md §2.1",
/// "docs/failure-modes.md §3.7") exists as a heading in the repository's own pages, and nothing
/// cites a document the repository does not hold.
/// </summary>
public sealed partial class DocsSectionTests
{
    private static readonly string[] s_scanned = ["src", "tests", "protocol", "bench", "docs"];

    [Fact]
    public void CompatibilityCitations_EachResolveToAHeading()
    {
        AssertResolved(CompatibilityCitation(), "codex-compatibility.md");
    }

    [Fact]
    public void FailureModeCitations_EachResolveToAHeading()
    {
        AssertResolved(FailureModesCitation(), "failure-modes.md");
    }

    [Fact]
    public void DocsPages_NameNoDocumentOutsideTheRepository()
    {
        foreach (var page in new[] { "codex-compatibility.md", "failure-modes.md" })
        {
            var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", page));
            text.Should().NotContain("shared/").And.NotContain("reference/");
            Regex.IsMatch(text, @"\bthe issue\b", RegexOptions.IgnoreCase).Should().BeFalse(page);
        }
    }

    [Fact]
    public void Repository_CitesOnlyItsOwnDocuments()
    {
        var offenders = ScannedFiles()
            .Append(Path.Combine(RepositoryRoot.Path, "README.md"))
            .Where(file => !file.EndsWith(nameof(DocsSectionTests) + ".cs", StringComparison.Ordinal))
            .Where(file => OutsideCitation().IsMatch(File.ReadAllText(file)))
            .Select(file => Path.GetRelativePath(RepositoryRoot.Path, file))
            .ToList();

        offenders.Should().BeEmpty("citations name the docs/ pages by path, never a document kept outside the repository");
    }

    private static void AssertResolved(Regex citation, string page)
    {
        var headings = Headings(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", page)));
        var cited = CitedSections(citation);
        cited.Should().NotBeEmpty("the code cites this page");
        cited.Where(section => !headings.Contains(section)).Should().BeEmpty($"every cited section has a heading in docs/{page}");
    }

    private static HashSet<string> CitedSections(Regex citation)
    {
        var sections = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in ScannedFiles())
        {
            foreach (Match match in citation.Matches(File.ReadAllText(file)))
            {
                sections.Add(match.Groups["section"].Value.TrimEnd('.'));
            }
        }

        return sections;
    }

    private static IEnumerable<string> ScannedFiles() =>
        from folder in s_scanned
        from file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, folder), "*", SearchOption.AllDirectories)
        where !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            && !file.Contains("node_modules", StringComparison.Ordinal)
            && Path.GetExtension(file) is ".cs" or ".md" or ".js" or ".ts" or ".transcript"
        select file;

    private static HashSet<string> Headings(string markdown) =>
        [.. HeadingNumber().Matches(markdown).Select(static m => m.Groups["section"].Value.TrimEnd('.'))];

    [GeneratedRegex(@"codex-compatibility\.md\)? §(?<section>\d+(?:\.\d+)*)", RegexOptions.CultureInvariant)]
    private static partial Regex CompatibilityCitation();

    [GeneratedRegex(@"failure-modes\.md\)? §(?<section>\d+(?:\.\d+)*)", RegexOptions.CultureInvariant)]
    private static partial Regex FailureModesCitation();

    // A bare "contract §" / "failure-modes §" (the names of documents that lived outside the
    // repository), or a path into such a folder.
    [GeneratedRegex(@"(?<![\w./-])(?:contract|failure-modes) §|\bshared/(?:reference|design)\b", RegexOptions.CultureInvariant)]
    private static partial Regex OutsideCitation();

    [GeneratedRegex(@"^#{2,4} (?<section>\d+(?:\.\d+)*)[. ]", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex HeadingNumber();
}
