using System.Diagnostics;
using System.Text;

namespace AppServer.IntegrationTests.Infrastructure;

/// <summary>Runs one <c>appserver</c> (or <c>appserver-dev</c>) command to completion and captures what it printed.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static Task<CliRun> ExecAsync(string codexHome, IReadOnlyDictionary<string, string>? environment, string? stdin, params string[] arguments) =>
        ExecAsync(AppServerExecutable.Path, codexHome, environment, stdin, arguments);

    /// <summary>Runs a command of the developer executable (demo, dev-issuer).</summary>
    public static Task<CliRun> ExecDevAsync(string codexHome, IReadOnlyDictionary<string, string>? environment, string? stdin, params string[] arguments) =>
        ExecAsync(AppServerExecutable.DevPath, codexHome, environment, stdin, arguments);

    public static Running Start(string codexHome, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        Start(AppServerExecutable.Path, codexHome, environment, arguments);

    public static Running StartDev(string codexHome, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        Start(AppServerExecutable.DevPath, codexHome, environment, arguments);

    private static async Task<CliRun> ExecAsync(string executable, string codexHome, IReadOnlyDictionary<string, string>? environment, string? stdin, string[] arguments)
    {
        await using var running = Start(executable, codexHome, environment, arguments);
        if (stdin is not null)
        {
            await running.Process.StandardInput.WriteAsync(stdin);
        }

        running.Process.StandardInput.Close();
        return await running.WaitAsync();
    }

    private static Running Start(string executable, string codexHome, IReadOnlyDictionary<string, string>? environment, string[] arguments) =>
        new(Process.Start(AppServerExecutable.StartInfo(codexHome, environment, arguments, executable))!);

    /// <summary>A command still running: its stdout can be read line by line while it waits.</summary>
    internal sealed class Running(Process process) : IAsyncDisposable
    {
        private readonly StringBuilder _stdout = new();
        private readonly Task<string> _stderr = process.StandardError.ReadToEndAsync();

        public Process Process => process;

        public async Task<string> ReadLineContainingAsync(string needle)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                _stdout.AppendLine(line);
                if (line.Contains(needle, StringComparison.Ordinal))
                {
                    return line;
                }
            }

            throw new InvalidOperationException($"appserver ended without printing '{needle}': {_stdout}");
        }

        public async Task<CliRun> WaitAsync()
        {
            var rest = await process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            return new CliRun(process.ExitCode, _stdout + rest, await _stderr);
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }
    }
}
