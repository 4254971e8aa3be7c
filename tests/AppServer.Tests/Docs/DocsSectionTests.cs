using System.Text.RegularExpressions;
using AppServer.Testing;

namespace AppServer.Tests.Docs;

/// <summary>
/// Every section number the code, tests and protocol docs cite exists as a heading in the
/// repository's own pages, whichever prefix the citation uses ("contract §2.1" or
/// "docs/codex-compatibility.md §2.1"; "failure-modes §3.7" or "docs/failure-modes.md §3.7").
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
        foreach (var folder in s_scanned)
        {
            var root = Path.Combine(RepositoryRoot.Path, folder);
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    || file.Contains("node_modules", StringComparison.Ordinal)
                    || Path.GetExtension(file) is not (".cs" or ".md" or ".js" or ".ts"))
                {
                    continue;
                }

                foreach (Match match in citation.Matches(File.ReadAllText(file)))
                {
                    sections.Add(match.Groups["section"].Value.TrimEnd('.'));
                }
            }
        }

        return sections;
    }

    private static HashSet<string> Headings(string markdown) =>
        [.. HeadingNumber().Matches(markdown).Select(static m => m.Groups["section"].Value.TrimEnd('.'))];

    [GeneratedRegex(@"(?:\bcontract|codex-compatibility\.md\)?) §(?<section>\d+(?:\.\d+)*)", RegexOptions.CultureInvariant)]
    private static partial Regex CompatibilityCitation();

    [GeneratedRegex(@"failure-modes(?:\.md)?\)? §(?<section>\d+(?:\.\d+)*)", RegexOptions.CultureInvariant)]
    private static partial Regex FailureModesCitation();

    [GeneratedRegex(@"^#{2,4} (?<section>\d+(?:\.\d+)*)[. ]", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex HeadingNumber();
}
