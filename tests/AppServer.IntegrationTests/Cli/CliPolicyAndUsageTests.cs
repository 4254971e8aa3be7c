using System.Diagnostics;
using System.Text.Json.Nodes;
using AppServer.DevIssuer;
using AppServer.IntegrationTests.Infrastructure;
using AppServer.Testing;

namespace AppServer.IntegrationTests.Cli;

/// <summary>
/// The command line as a new user meets it: the administrator's login policy binds the login verb
/// as it binds the server, misplaced or invalid options get one exact line, status says the same
/// state in text and JSON, and a terminal gets a hint instead of silence.
/// </summary>
public sealed class CliPolicyAndUsageTests : IAsyncLifetime
{
    private readonly TempCodexHome _home = new();
    private MockIssuer _issuer = null!;

    private Dictionary<string, string> IssuerEnvironment => new()
    {
        ["CODEX_REFRESH_TOKEN_URL_OVERRIDE"] = _issuer.TokenEndpoint.ToString(),
        ["CODEX_APP_SERVER_LOGIN_ISSUER"] = _issuer.Issuer,
        ["APPSERVER_LOGIN_PORT"] = "0",
    };

    public async Task InitializeAsync() => _issuer = await MockIssuer.StartAsync();

    public async Task DisposeAsync()
    {
        await _issuer.DisposeAsync();
        _home.Dispose();
    }

    [Theory]
    [InlineData("chatgpt", "API key login is disabled. Use ChatGPT login instead.", "login", "--api-key", "sk-forbidden")]
    [InlineData("api", "ChatGPT login is disabled. Use API key login instead.", "login", "--no-browser")]
    [InlineData("api", "ChatGPT login is disabled. Use API key login instead.", "login", "--device-code")]
    public async Task Login_ForcedMethodForbidsIt_RefusedWithTheServersMessageAndNothingSaved(string forced, string message, params string[] arguments)
    {
        // Arrange
        ForceLoginMethod(forced);

        // Act
        var run = await CliRun.ExecAsync(_home.Path, IssuerEnvironment, null, arguments);

        // Assert
        run.ExitCode.Should().Be(1);
        run.Stderr.Should().Be($"appserver: {message}\n");
        run.Stdout.Should().BeEmpty();
        File.Exists(_home.AuthFile).Should().BeFalse();
        _issuer.Requests.Should().BeEmpty("a refused login never reaches the issuer");
    }

    [Fact]
    public async Task LoginApiKey_ApiForced_IsAllowed()
    {
        ForceLoginMethod("api");

        var run = await CliRun.ExecAsync(_home.Path, IssuerEnvironment, null, "login", "--api-key", "sk-allowed");

        run.ExitCode.Should().Be(0, run.Stderr);
        JsonNode.Parse(_home.ReadAuthJson())!["OPENAI_API_KEY"]!.GetValue<string>().Should().Be("sk-allowed");
    }

    [Fact]
    public async Task LoginDeviceCode_ChatGptForced_IsAllowed()
    {
        ForceLoginMethod("chatgpt");
        await using var running = CliRun.Start(_home.Path, IssuerEnvironment, "login", "--device-code");
        var line = await running.ReadLineContainingAsync("enter this code: ");
        using var http = new HttpClient();

        (await http.GetAsync($"{line.Split(' ')[1]}?user_code={Uri.EscapeDataString(line[(line.LastIndexOf(' ') + 1)..])}")).Dispose();
        var run = await running.WaitAsync();

        run.ExitCode.Should().Be(0, run.Stderr);
        JsonNode.Parse(_home.ReadAuthJson())!["auth_mode"]!.GetValue<string>().Should().Be("chatgpt");
    }

    [Theory]
    [InlineData("appserver: --log-level is an option of serving ('appserver serve --log-level …'); 'status' does not take it. Run 'appserver --help' for usage.", "--log-level", "debug", "status")]
    [InlineData("appserver: --log-level is an option of serving ('appserver serve --log-level …'); 'status' does not take it. Run 'appserver --help' for usage.", "--log-level", "loud", "status")]
    [InlineData("appserver: --parent-pid is an option of serving ('appserver serve --parent-pid …'); 'logout' does not take it. Run 'appserver --help' for usage.", "--parent-pid", "1", "logout")]
    [InlineData("appserver: unknown log level 'loud'. Use trace, debug, info, warn, error, critical or none. Run 'appserver --help' for usage.", "--log-level", "loud")]
    [InlineData("appserver: --parent-pid must be a positive process id, not -5. Run 'appserver --help' for usage.", "--parent-pid", "-5")]
    [InlineData("appserver: --parent-pid must be a positive process id, not 0. Run 'appserver --help' for usage.", "serve", "--parent-pid", "0")]
    [InlineData("appserver: --parent-pid 999999 is not a running process. Run 'appserver --help' for usage.", "--parent-pid", "999999")]
    [InlineData("appserver: 'abc' is not a valid value for --parent-pid: expected a whole number. Run 'appserver --help' for usage.", "--parent-pid", "abc")]
    [InlineData("appserver: 'x' is not a valid value for --max-message-bytes: expected a whole number. Run 'appserver --help' for usage.", "--max-message-bytes", "x")]
    [InlineData("appserver: Unrecognized command or argument '--bogus'. Run 'appserver --help' for usage.", "status", "--bogus")]
    public async Task BadUsage_ExactOneLine_ExitTwo(string expected, params string[] arguments)
    {
        var run = await CliRun.ExecAsync(_home.Path, null, null, arguments);

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Be(expected + "\n");
        File.Exists(_home.AuthFile).Should().BeFalse();
    }

    [Fact]
    public async Task GlobalOptionBeforeServe_Works()
    {
        var run = await CliRun.ExecAsync(_home.Path, null, """{"id":1,"method":"initialize","params":{"clientInfo":{"name":"t","version":"1"}}}""" + "\n", "--log-level", "debug", "serve");

        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().Contain("\"id\":1");
        run.Stderr.Should().Contain("dbug:");
    }

    [Fact]
    public async Task Status_RefreshFailed_TextAndJsonSayTheSameStateAndExitOne()
    {
        // Arrange
        _home.WriteAuthJson(AuthFixtures.ChatGpt(_issuer.IssueCredentials(), DateTimeOffset.UtcNow.AddDays(-1)));
        _issuer.SetRefreshMode(RefreshMode.PermanentFailure, "refresh_token_reused");

        // Act
        var text = await CliRun.ExecAsync(_home.Path, IssuerEnvironment, null, "status", "--refresh");
        var json = await CliRun.ExecAsync(_home.Path, IssuerEnvironment, null, "status", "--json");

        // Assert
        text.ExitCode.Should().Be(1);
        text.Stdout.Should().StartWith("Logged in with ChatGPT as user@example.com, but the tokens can no longer be refreshed (exhausted)");
        json.ExitCode.Should().Be(1);
        var report = JsonNode.Parse(json.Stdout)!;
        report["state"]!.GetValue<string>().Should().Be("refreshFailed");
        report["loggedIn"]!.GetValue<bool>().Should().BeTrue();
        report["refreshFailure"]!["reason"]!.GetValue<string>().Should().Be("exhausted");
    }

    [Theory]
    [InlineData(null, "loggedOut", 1)]
    [InlineData("apikey", "ready", 0)]
    [InlineData("empty-key", "unusable", 1)]
    public async Task Status_EachState_JsonStateAndExitCode(string? stored, string state, int exitCode)
    {
        if (stored == "apikey")
        {
            _home.WriteAuthJson(AuthFixtures.ApiKey("sk-status"));
        }
        else if (stored == "empty-key")
        {
            _home.WriteAuthJson("""{"auth_mode":"apikey","OPENAI_API_KEY":""}""");
        }

        var run = await CliRun.ExecAsync(_home.Path, null, null, "status", "--json");

        run.ExitCode.Should().Be(exitCode);
        JsonNode.Parse(run.Stdout)!["state"]!.GetValue<string>().Should().Be(state);
    }

    [Fact]
    public async Task Serve_StdinIsATerminal_PrintsOneHintLineThenServes()
    {
        // Arrange: script(1) gives the server a pseudo-terminal as stdin; TERM=dumb keeps the
        // runtime's terminal set-up sequences out of the captured text.
        var start = new ProcessStartInfo("script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-qec", $"'{AppServerExecutable.Path}'", "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CODEX_HOME"] = _home.Path;
        start.Environment["TERM"] = "dumb";
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var output = new System.Text.StringBuilder();

        // Act: read until the hint, send a request through the terminal and wait for its answer
        // (the server serves as usual), then end the session with Ctrl+D (EOF on the terminal).
        var buffer = new char[4096];
        async Task ReadUntilAsync(string needle)
        {
            while (!output.ToString().Contains(needle, StringComparison.Ordinal)
                && await process.StandardOutput.ReadAsync(buffer, timeout.Token) is var read and > 0)
            {
                output.Append(buffer, 0, read);
            }
        }

        await ReadUntilAsync("offline demo");
        var hintEnd = output.Length;
        await process.StandardInput.BaseStream.WriteAsync("""{"id":7,"method":"initialize","params":{"clientInfo":{"name":"tty","version":"1"}}}"""u8.ToArray().Append((byte)'\n').ToArray());
        await process.StandardInput.BaseStream.FlushAsync();
        await ReadUntilAsync("\"result\"");

        // Raw bytes: a StreamWriter could put an encoding preamble before the ^D, and a ^D that is
        // not at the start of the terminal's line only flushes that line instead of ending input.
        await process.StandardInput.BaseStream.WriteAsync(new byte[] { 4 });
        await process.StandardInput.BaseStream.FlushAsync();
        process.StandardInput.Close();
        var exited = await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(20))) is { IsCompletedSuccessfully: true } && process.HasExited;
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
        }

        exited.Should().BeTrue($"Ctrl+D ends the session; it printed: {output}");
        output.ToString()[..hintEnd].Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle("the hint is one line");
        // Assert
        output.ToString().Should().Contain(
            "appserver: this is the auth server an IDE spawns; it now waits for JSON-RPC on stdin (Ctrl+C to stop). To try it by hand, run 'appserver --help' or the offline demo from the README.");
        process.ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task Serve_StdinIsAPipe_PrintsNothing()
    {
        var run = await CliRun.ExecAsync(_home.Path, null, string.Empty);

        run.ExitCode.Should().Be(0);
        run.Stderr.Should().BeEmpty();
        run.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task Logout_NothingStored_ExitsZero()
    {
        var run = await CliRun.ExecAsync(_home.Path, null, null, "logout");

        run.ExitCode.Should().Be(0);
        run.Stdout.Should().Be("Not logged in; nothing to remove.\n");
    }

    [Fact]
    public async Task Verbs_UnusableCodexHome_ExitOne()
    {
        var missing = Path.Combine(_home.Path, "does-not-exist");

        foreach (var verb in new[] { "status", "logout" })
        {
            var run = await CliRun.ExecAsync(missing, null, null, verb);
            run.ExitCode.Should().Be(1, verb);
            run.Stderr.Should().StartWith("appserver: Invalid CODEX_HOME: ", verb);
        }

        var login = await CliRun.ExecAsync(missing, null, null, "login", "--api-key", "sk-x");
        login.ExitCode.Should().Be(1);
    }

    private void ForceLoginMethod(string method) =>
        File.WriteAllText(Path.Combine(_home.Path, "config.toml"), $"forced_login_method = \"{method}\"\n");
}
