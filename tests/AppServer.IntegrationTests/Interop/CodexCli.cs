using System.Diagnostics;
using System.Text.RegularExpressions;
using AppServer.Testing;

namespace AppServer.IntegrationTests.Interop;

/// <summary>
/// The published Codex CLI, pinned in <c>tests/interop/codex</c> (installed there by <c>npm ci</c>).
/// Every run is traced with strace, so a test can prove the verb made no network connection; HOME
/// is a temp folder, so nothing of the real user's is read or written.
/// </summary>
internal sealed partial class CodexCli
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private readonly string _home;

    public CodexCli(string userHome)
    {
        _home = userHome;
    }

    /// <summary>The npm package that pins the Codex version (package.json and its lock).</summary>
    public static string PackageDirectory { get; } = Path.Combine(RepositoryRoot.Path, "tests", "interop", "codex");

    /// <summary>The npm launcher; it runs the platform binary from the optional package beside it.</summary>
    public static string Launcher { get; } = Path.Combine(PackageDirectory, "node_modules", "@openai", "codex", "bin", "codex.js");

    private static readonly Lazy<Task> s_install = new(InstallAsync);

    /// <summary>
    /// Installs the pinned Codex (<c>npm ci</c> from the committed lock) on first use, as the
    /// TypeScript generator installs its own tools, so <c>dotnet test</c> needs nothing run before it.
    /// </summary>
    public static Task EnsureInstalledAsync() => File.Exists(Launcher) ? Task.CompletedTask : s_install.Value;

    private static async Task InstallAsync()
    {
        var start = new ProcessStartInfo("npm") { WorkingDirectory = PackageDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        {
            start.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(start) ?? throw new InvalidOperationException("npm could not be started (Node.js with npm is a prerequisite of the tests).");
        var errors = npm.StandardError.ReadToEndAsync();
        _ = await npm.StandardOutput.ReadToEndAsync();
        await npm.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        if (npm.ExitCode != 0 || !File.Exists(Launcher))
        {
            throw new InvalidOperationException($"`npm ci` in tests/interop/codex failed ({npm.ExitCode}): {await errors}");
        }
    }

    /// <summary>Runs <c>codex <paramref name="arguments"/></c> on <paramref name="codexHome"/> with <paramref name="environment"/> added.</summary>
    public async Task<CodexRun> RunAsync(string codexHome, IReadOnlyDictionary<string, string> environment, string? stdin, params string[] arguments)
    {
        await EnsureInstalledAsync();
        var trace = Path.Combine(_home, $"strace-{Guid.NewGuid():N}.txt");
        var start = new ProcessStartInfo("strace")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-f", "-qq", "-e", "trace=connect", "-o", trace, "node", Launcher, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in (string[])["OPENAI_API_KEY", "CODEX_API_KEY", "CODEX_REFRESH_TOKEN_URL_OVERRIDE", "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"])
        {
            start.Environment.Remove(name);
        }

        start.Environment["HOME"] = _home;
        start.Environment["CODEX_HOME"] = codexHome;
        foreach (var (name, value) in environment)
        {
            if (value.Length == 0)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("strace did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(s_timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"codex {string.Join(' ', arguments)} did not finish within {s_timeout.TotalSeconds} s");
        }

        var connects = File.Exists(trace) ? await File.ReadAllLinesAsync(trace) : [];
        return new CodexRun(
            process.ExitCode,
            await stdout,
            await stderr,
            [.. connects.Where(line => NetworkConnect().IsMatch(line))]);
    }

    [GeneratedRegex(@"connect\(\d+, \{sa_family=AF_INET6?\b")]
    private static partial Regex NetworkConnect();
}

/// <param name="NetworkConnects">Every <c>connect(2)</c> to an IPv4 or IPv6 address the run made (D-Bus unix sockets are not network).</param>
internal sealed record CodexRun(int ExitCode, string Stdout, string Stderr, IReadOnlyList<string> NetworkConnects)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}
