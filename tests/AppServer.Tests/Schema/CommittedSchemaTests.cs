using System.Text;
using AppServer.Dev.Cli;
using AppServer.Testing;

namespace AppServer.Tests.Schema;

/// <summary>
/// schema/json and schema/typescript are generated, committed, and must stay what the generators
/// make from the records today: each test regenerates into a temp folder with the real command and
/// compares every file.
/// </summary>
public sealed class CommittedSchemaTests : IDisposable
{
    private const string JsonCommand = "dotnet run --project src/AppServer.Dev -- generate-json-schema --out schema/json";
    private const string TypeScriptCommand = "dotnet run --project src/AppServer.Dev -- generate-ts --out schema/typescript";

    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("appserver-schema-");

    public void Dispose() => _output.Delete(recursive: true);

    [Fact]
    public void JsonSchemas_RegeneratedFromTheRecords_MatchTheCommittedFiles()
    {
        Run(SchemaCommands.JsonSchemaVerb, "--out", _output.FullName);

        CompareWithCommitted(Path.Combine("schema", "json"), JsonCommand);
    }

    [Fact]
    public void TypeScript_RegeneratedFromTheRecords_MatchesTheCommittedFile()
    {
        Run(SchemaCommands.TypeScriptVerb, "--out", _output.FullName, "--tools", Path.Combine(RepositoryRoot.Path, "schema", "tools"));

        CompareWithCommitted(Path.Combine("schema", "typescript"), TypeScriptCommand);
    }

    [Fact]
    public void GenerateJsonSchema_WithoutOut_IsAUsageError()
    {
        var stderr = new StringWriter();

        var exitCode = DevCommandLine.Run([SchemaCommands.JsonSchemaVerb], TextWriter.Null, stderr);

        exitCode.Should().Be(2);
        stderr.ToString().Should().StartWith("appserver-dev: ").And.Contain("--out");
    }

    private static void Run(params string[] arguments)
    {
        var stderr = new StringWriter();

        var exitCode = DevCommandLine.Run(arguments, TextWriter.Null, stderr);

        exitCode.Should().Be(0, $"'appserver-dev {string.Join(' ', arguments)}' failed: {stderr}");
    }

    private void CompareWithCommitted(string committedRelative, string refreshCommand)
    {
        var committed = Path.Combine(RepositoryRoot.Path, committedRelative);
        var generated = Names(_output.FullName);
        var present = Names(committed);
        var problems = new List<string>();
        problems.AddRange(generated.Except(present).Select(n => $"{n} is missing"));
        problems.AddRange(present.Except(generated).Select(n => $"{n} is no longer generated (delete it)"));
        foreach (var name in generated.Intersect(present))
        {
            if (FirstDifference(Read(Path.Combine(committed, name)), Read(Path.Combine(_output.FullName, name))) is { } difference)
            {
                problems.Add($"{name} differs at {difference}");
            }
        }

        problems.Should().BeEmpty($"{committedRelative} must be what the generator makes from the protocol records. run: {refreshCommand}");
    }

    private static SortedSet<string> Names(string directory) =>
        new(Directory.Exists(directory) ? Directory.EnumerateFiles(directory).Select(f => Path.GetFileName(f)) : [], StringComparer.Ordinal);

    // Line endings are a checkout setting, not content.
    private static string Read(string path) => File.ReadAllText(path, Encoding.UTF8).ReplaceLineEndings("\n");

    private static string? FirstDifference(string committed, string generated)
    {
        if (committed == generated)
        {
            return null;
        }

        var left = committed.Split('\n');
        var right = generated.Split('\n');
        for (var i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            var was = i < left.Length ? left[i] : "(end of file)";
            var now = i < right.Length ? right[i] : "(end of file)";
            if (was != now)
            {
                return $"line {i + 1}: committed `{was.Trim()}`, generated `{now.Trim()}`";
            }
        }

        return "the end of the file";
    }
}
