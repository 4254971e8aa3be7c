using System.ComponentModel;
using System.Diagnostics;

namespace AppServer.Dev.Schema;

/// <summary>
/// TypeScript types for the protocol, made by json-schema-to-typescript (pinned by
/// <c>schema/tools/package-lock.json</c>) from the same bundle <c>generate-json-schema</c> writes.
/// No C#→TypeScript generator is available from the package mirror, so this one runs on Node.
/// Beside it goes <see cref="MethodMapGenerator.OutputFileName"/>, the method → types map a typed
/// client is built from.
/// </summary>
internal static class TypeScriptGenerator
{
    public const string OutputFileName = "AppServerProtocol.ts";

    /// <summary>Where the pinned tool lives, relative to the repository root.</summary>
    public static readonly string ToolsRelativePath = Path.Combine("schema", "tools");

    private const string ScriptName = "generate-ts.mjs";

    private static readonly TimeSpan s_stepTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The tools folder above the working directory, else above the executable (a build output inside the repository).</summary>
    public static string? FindToolsDirectory()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, ToolsRelativePath);
                if (File.Exists(Path.Combine(candidate, ScriptName)))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Writes <see cref="OutputFileName"/> and <see cref="MethodMapGenerator.OutputFileName"/> into <paramref name="outputDirectory"/>; installs the pinned tool first if it is missing.</summary>
    /// <exception cref="SchemaToolException">Node or npm is missing, or a step failed.</exception>
    public static async Task GenerateAsync(string outputDirectory, string toolsDirectory, TextWriter log, CancellationToken cancellationToken)
    {
        await RunAsync("node", ["--version"], toolsDirectory, cancellationToken).ConfigureAwait(false);
        if (!File.Exists(Path.Combine(toolsDirectory, "node_modules", "json-schema-to-typescript", "package.json")))
        {
            log.WriteLine($"Installing the pinned json-schema-to-typescript in {toolsDirectory} (npm ci)...");
            await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], toolsDirectory, cancellationToken).ConfigureAwait(false);
        }

        Directory.CreateDirectory(outputDirectory);
        var bundlePath = Path.Combine(Path.GetTempPath(), $"appserver-schema-{Guid.NewGuid():N}.json");
        try
        {
            await File.WriteAllTextAsync(bundlePath, SchemaText.Format(ProtocolSchemaGenerator.GenerateBundle()), cancellationToken).ConfigureAwait(false);
            var output = Path.Combine(Path.GetFullPath(outputDirectory), OutputFileName);
            await RunAsync("node", [ScriptName, bundlePath, output], toolsDirectory, cancellationToken).ConfigureAwait(false);
            GeneratedFiles.WriteAll(outputDirectory, [MethodMapGenerator.Generate()]);
        }
        finally
        {
            File.Delete(bundlePath);
        }
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SchemaToolException($"could not start '{program}'.");
        }
        catch (Win32Exception)
        {
            throw new SchemaToolException(
                $"generate-ts needs Node.js: '{program}' was not found on PATH. Install Node.js 18 or later (with npm) and run it again.");
        }

        using (process)
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(s_stepTimeout);
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new SchemaToolException($"'{program} {string.Join(' ', arguments)}' did not finish within {s_stepTimeout.TotalMinutes:0} minutes.");
            }

            var output = (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false));
            if (process.ExitCode != 0)
            {
                throw new SchemaToolException($"'{program} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}: {output.Trim()}");
            }
        }
    }
}
