using System.CommandLine;
using AppServer.Hosting;
using AppServer.Dev.Schema;

namespace AppServer.Dev.Cli;

/// <summary>
/// <c>generate-json-schema</c> and <c>generate-ts</c>: the protocol contract as files, for
/// <c>schema/json</c> and <c>schema/typescript</c>. Kept apart from the serve path on purpose.
/// </summary>
internal static class SchemaCommands
{
    public const string JsonSchemaVerb = "generate-json-schema";
    public const string TypeScriptVerb = "generate-ts";

    /// <summary>Adds both verbs to the root command (one line in <see cref="AppCommandLine"/>).</summary>
    public static void AddTo(Command root, TextWriter stdout, TextWriter stderr)
    {
        root.Subcommands.Add(JsonSchemaCommand(stdout));
        root.Subcommands.Add(TypeScriptCommand(stdout, stderr));
    }

    private static Command JsonSchemaCommand(TextWriter stdout)
    {
        var output = OutOption("schema/json");
        var command = new Command(JsonSchemaVerb, """
            Write a JSON Schema (draft-07) per params, result and notification type, and the AppServerProtocol.json bundle.

            Examples:
              appserver-dev generate-json-schema --out schema/json
              dotnet run --project src/AppServer.Dev -- generate-json-schema --out /tmp/schema
            """);
        command.Options.Add(output);
        command.SetAction(result =>
        {
            var directory = Path.GetFullPath(result.GetValue(output)!);
            var files = ProtocolSchemaGenerator.GenerateFiles();
            GeneratedFiles.WriteAll(directory, files);
            stdout.WriteLine($"Wrote {files.Count} schema files to {directory}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command TypeScriptCommand(TextWriter stdout, TextWriter stderr)
    {
        var output = OutOption("schema/typescript");
        var tools = new Option<string?>("--tools")
        {
            Description = $"Folder with the pinned json-schema-to-typescript (package.json, generate-ts.mjs). Default: {TypeScriptGenerator.ToolsRelativePath} above the working directory.",
        };
        var command = new Command(TypeScriptVerb, """
            Write TypeScript types for the protocol (json-schema-to-typescript on Node.js, pinned in schema/tools) and methods.ts, the method → params/result map a typed client is built from.

            Examples:
              appserver-dev generate-ts --out schema/typescript
            """);
        command.Options.Add(output);
        command.Options.Add(tools);
        command.SetAction(async (result, cancellationToken) =>
        {
            var directory = Path.GetFullPath(result.GetValue(output)!);
            var toolsDirectory = result.GetValue(tools) ?? TypeScriptGenerator.FindToolsDirectory();
            if (toolsDirectory is null)
            {
                stderr.WriteLine($"appserver-dev: {TypeScriptVerb} could not find {TypeScriptGenerator.ToolsRelativePath}; run it inside the repository or pass --tools.");
                return ExitCodes.ConnectionFailed;
            }

            try
            {
                await TypeScriptGenerator.GenerateAsync(directory, toolsDirectory, stderr, cancellationToken).ConfigureAwait(false);
            }
            catch (SchemaToolException ex)
            {
                stderr.WriteLine($"appserver-dev: {ex.Message}");
                return ExitCodes.ConnectionFailed;
            }

            stdout.WriteLine($"Wrote {Path.Combine(directory, TypeScriptGenerator.OutputFileName)} and {MethodMapGenerator.OutputFileName}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<string> OutOption(string conventional) => new("--out")
    {
        Description = $"Output folder (the committed copy lives in {conventional}).",
        Required = true,
    };
}
