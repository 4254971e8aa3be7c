using System.Text;
using AppServer.Protocol;
using AppServer.Testing;

namespace AppServer.Tests.Protocol;

/// <summary>
/// protocol/README.md is checked against the data it documents: the method table is the catalogue,
/// every method and error code has its entry, and every golden transcript appears verbatim.
/// </summary>
public sealed class ProtocolReadmeTests
{
    private const string CatalogueStart = "<!-- catalogue:start (generated from ProtocolCatalog; ProtocolReadmeTests checks it) -->";
    private const string CatalogueEnd = "<!-- catalogue:end -->";

    private static readonly Lazy<string> s_readme = new(() =>
        File.ReadAllText(Path.Combine(RepositoryRoot.Path, "protocol", "README.md")).ReplaceLineEndings("\n"));

    private static string Readme => s_readme.Value;

    [Fact]
    public void MethodTable_ComparedWithTheCatalogue_IsIdentical()
    {
        var start = Readme.IndexOf(CatalogueStart, StringComparison.Ordinal);
        var end = Readme.IndexOf(CatalogueEnd, StringComparison.Ordinal);
        start.Should().BeGreaterThan(-1, "the README marks its method table");
        end.Should().BeGreaterThan(start);

        var table = Readme[(start + CatalogueStart.Length)..end].Trim('\n');

        table.Should().Be(RenderCatalogue(), "the method table in protocol/README.md must list ProtocolCatalog as it is; paste the expected table between the catalogue markers");
    }

    [Fact]
    public void EveryCatalogueMethod_InTheReadme_HasItsOwnSection()
    {
        var missing = ProtocolCatalog.Methods.Select(m => m.Method).Where(m => !Readme.Contains($"\n### `{m}`", StringComparison.Ordinal));

        missing.Should().BeEmpty("every method in the catalogue is documented in protocol/README.md under '### `method`'");
    }

    [Fact]
    public void ErrorCodeTable_ComparedWithErrorCodes_ListsEveryCode()
    {
        var codes = typeof(ErrorCodes).GetFields().Where(f => f.IsLiteral).Select(f => (int)f.GetRawConstantValue()!);

        codes.Where(c => !Readme.Contains($"\n| {c} |", StringComparison.Ordinal)).Should().BeEmpty("every ErrorCodes value has a row in the error-code table");
    }

    public static TheoryData<string> Transcripts() => [.. Transcript.Names()];

    [Theory]
    [MemberData(nameof(Transcripts))]
    public void Transcript_InTheReadme_AppearsVerbatim(string name)
    {
        var transcript = Transcript.Load(name);

        Readme.Should().Contain($"```text\n{transcript.Text.TrimEnd('\n')}\n```", $"protocol/README.md shows protocol/transcripts/{name}{Transcript.Extension} as it is");
    }

    private static string RenderCatalogue()
    {
        var table = new StringBuilder();
        table.Append("| method | direction | surface | params | result | summary |\n");
        table.Append("|---|---|---|---|---|---|\n");
        foreach (var method in ProtocolCatalog.Methods)
        {
            var direction = method.Direction switch
            {
                MessageDirection.ClientRequest => "client → server request",
                MessageDirection.ClientNotification => "client → server notification",
                _ => "server → client notification",
            };
            var parameters = method.ParamsType is { } type ? SchemaLink(type) + (method.ParamsOptional ? " (may be omitted)" : string.Empty) : "none";
            var result = method.ResultType is { } resultType ? SchemaLink(resultType) : "—";
            table.Append($"| `{method.Method}` | {direction} | {method.Surface} | {parameters} | {result} | {method.Summary.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        }

        return table.ToString().TrimEnd('\n');
    }

    private static string SchemaLink(Type type) => $"[`{type.Name}`](../schema/json/{type.Name}.json)";
}
