using System.Diagnostics;
using System.Text.Json.Nodes;
using AppServer.IntegrationTests.Infrastructure;
using AppServer.Testing;

namespace AppServer.IntegrationTests.Lifecycle;

/// <summary>The real executable over real pipes: framing hygiene and every way the process ends.</summary>
public sealed class StdioLifecycleTests : IDisposable
{
    private static readonly TimeSpan s_exitTimeout = TimeSpan.FromSeconds(20);
    private readonly TempCodexHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Session_AtTraceLogLevel_EveryStdoutLineIsAJsonRpcMessage()
    {
        await using var server = ServerProcess.Start(_home.Path, arguments: ["--log-level", "trace"]);
        var client = server.Client;

        await client.RequestAsync("getAuthStatus", new { });
        await client.InitializeAsync();
        await client.SendLineAsync("this is not json");
        await client.SendLineAsync("[1,2,3]");
        await client.RequestAsync("no/such/method");
        await client.RequestAsync("getAuthStatus", new { includeToken = "wrong-type" });
        await client.CallAsync("getAuthStatus", new { includeToken = true, refreshToken = true });
        await client.CallAsync("account/read", new { });
        await client.CloseInputAsync();
        (await server.WaitForExitAsync(s_exitTimeout)).Should().Be(0);
        await client.Completion;

        client.Lines.Should().HaveCountGreaterThanOrEqualTo(8);
        foreach (var line in client.Lines)
        {
            var message = JsonNode.Parse(line)!.AsObject();
            (message.ContainsKey("result") || message.ContainsKey("error") || message.ContainsKey("method")).Should().BeTrue(line);
        }

        server.Stderr.Should().NotBeEmpty("trace logging goes to stderr");
    }

    [Fact]
    public async Task StdinClosed_WithRequestsStillPending_AnswersThemAllThenExitsZero()
    {
        await using var server = ServerProcess.Start(_home.Path);
        var client = server.Client;
        var answers = new List<Task<JsonObject>> { client.Expect(JsonValue.Create(1)) };
        var lines = new List<string> { """{"id":1,"method":"initialize","params":{"clientInfo":{"name":"pipe","version":"1"}}}""" };
        for (var id = 2; id <= 50; id++)
        {
            answers.Add(client.Expect(JsonValue.Create(id)));
            lines.Add($$$"""{"id":{{{id}}},"method":"getAuthStatus","params":{}}""");
        }

        await client.SendLineAsync(string.Join('\n', lines));
        await client.CloseInputAsync();

        (await server.WaitForExitAsync(s_exitTimeout)).Should().Be(0);
        (await Task.WhenAll(answers)).Should().OnlyContain(a => a.ContainsKey("result"));
    }

    [Fact]
    public async Task StdinClosed_ExitsZeroPromptly()
    {
        await using var server = ServerProcess.Start(_home.Path);
        await server.Client.InitializeAsync();

        var clock = Stopwatch.StartNew();
        await server.Client.CloseInputAsync();
        var exitCode = await server.WaitForExitAsync(s_exitTimeout);

        exitCode.Should().Be(0);
        // Measured, not asserted (machines are noisy): the closing note reports this figure.
        Console.Error.WriteLine($"appserver exited {clock.ElapsedMilliseconds} ms after stdin EOF");
    }

    [Theory]
    [InlineData(NativeSignals.SigTerm)]
    [InlineData(NativeSignals.SigInt)]
    public async Task StopSignal_ExitsZero(int signal)
    {
        await using var server = ServerProcess.Start(_home.Path);
        await server.Client.InitializeAsync();

        server.Signal(signal);

        (await server.WaitForExitAsync(s_exitTimeout)).Should().Be(0);
    }

    [Fact]
    public async Task ParentPidOption_ParentDies_ServerExitsWhileStdinStaysOpen()
    {
        using var parent = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        await using var server = ServerProcess.Start(_home.Path, arguments: ["--parent-pid", parent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await server.Client.InitializeAsync();

        parent.Kill();

        (await server.WaitForExitAsync(s_exitTimeout)).Should().Be(0);
    }

    [Fact]
    public async Task RealParentKilled_ServerNoticesReparentingAndExits()
    {
        // sh starts the server with our pipe as its stdin, prints its pid, and waits. Killing sh
        // with SIGKILL leaves the server's stdin open (we still hold the write end).
        var start = new ProcessStartInfo("sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec 3<&0; \"$0\" 0<&3 3<&- & echo $! >&2; wait");
        start.ArgumentList.Add(AppServerExecutable.Path);
        start.Environment["CODEX_HOME"] = _home.Path;
        using var shell = Process.Start(start)!;
        var serverPid = int.Parse(await shell.StandardError.ReadLineAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var client = new JsonLineClient(shell.StandardInput.BaseStream, shell.StandardOutput.BaseStream);
        await client.InitializeAsync();

        shell.Kill();

        var deadline = Stopwatch.StartNew();
        while (NativeSignals.IsAlive(serverPid) && !IsZombie(serverPid) && deadline.Elapsed < s_exitTimeout)
        {
            await Task.Delay(50);
        }

        (NativeSignals.IsAlive(serverPid) && !IsZombie(serverPid)).Should().BeFalse("the server must exit when its parent dies");
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--log-level", "loud")]
    [InlineData("--parent-pid", "abc")]
    public async Task BadCommandLine_PrintsOneClearLineAndExitsTwo(params string[] arguments)
    {
        await using var server = ServerProcess.Start(_home.Path, arguments: arguments);

        var exitCode = await server.WaitForExitAsync(s_exitTimeout);

        exitCode.Should().Be(2);
        var lines = server.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle().Which.Should().StartWith("appserver: ");
        server.Client.Lines.Should().BeEmpty();
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
