using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using AppServer.IntegrationTests.Infrastructure;
using AppServer.Testing;

namespace AppServer.IntegrationTests.Transport;

/// <summary>
/// Faults only visible at process level, against the real executable over real pipes: a stray
/// response, a client that stops reading, input that ends right after a login, and hostile text
/// reaching the terminal through stderr.
/// </summary>
public sealed class StdioHardeningTests : IDisposable
{
    private static readonly TimeSpan s_exitTimeout = TimeSpan.FromSeconds(20);
    private readonly TempCodexHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task StrayResponses_DoNotEndTheSession_RequestsAroundThemAreAnswered()
    {
        await using var server = ServerProcess.Start(_home.Path);
        var client = server.Client;
        await client.InitializeAsync();
        var before = client.Expect(JsonValue.Create(10));
        var after = client.Expect(JsonValue.Create(11));

        await client.SendLineAsync(string.Join('\n',
            """{"id":10,"method":"getAuthStatus","params":{}}""",
            """{"id":5,"result":{}}""",
            """{"id":6,"error":{"code":-32000,"message":"x"}}""",
            """{"id":null,"result":{}}""",
            """{"id":7,"result":null,"error":null}""",
            """{"id":11,"method":"account/read","params":{}}"""));

        (await before.WaitAsync(JsonLineClient.Timeout)).Should().ContainKey("result");
        (await after.WaitAsync(JsonLineClient.Timeout)).Should().ContainKey("result");
        (await client.CallAsync("getAuthStatus", new { })).Should().ContainKey("requiresOpenaiAuth");
        server.HasExited.Should().BeFalse();
        await client.CloseInputAsync();
        (await server.WaitForExitAsync(s_exitTimeout)).Should().Be(0);
    }

    [Fact]
    public async Task ApiKeyLogin_ThenStdinClosedAtOnce_EveryNotificationArrivesBeforeExitZero()
    {
        await using var server = ServerProcess.Start(_home.Path);
        var client = server.Client;
        await client.InitializeAsync();
        var login = client.Expect(JsonValue.Create("login"));

        await client.SendLineAsync("""{"id":"login","method":"account/login/start","params":{"type":"apiKey","apiKey":"sk-eof-test"}}""");
        await client.CloseInputAsync();
        (await server.WaitForExitAsync(s_exitTimeout)).Should().Be(0);
        await client.Completion;

        (await login.WaitAsync(JsonLineClient.Timeout))["result"]!.ToJsonString().Should().Be("""{"type":"apiKey"}""");
        // The output has ended, so whatever arrived is all there is.
        var methods = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            methods.Add((await client.NextNotificationAsync())["method"]!.GetValue<string>());
        }

        methods.Should().Equal("account/login/completed", "account/updated", "authStatusChange");
    }

    [Fact]
    public async Task ClientThatPausesReading_MeetsBackpressure_EveryRequestIsAnsweredNoneOverloaded()
    {
        const int Requests = 3000;
        using var process = Process.Start(AppServerExecutable.StartInfo(_home.Path, environment: null, arguments: []))!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        try
        {
            var stdin = process.StandardInput.BaseStream;
            // Writes may block once the server stops reading: that is the backpressure under test.
            var writer = Task.Run(async () =>
            {
                await stdin.WriteAsync("""{"id":0,"method":"initialize","params":{"clientInfo":{"name":"slow-reader","version":"1"}}}"""u8.ToArray().Append((byte)'\n').ToArray());
                for (var id = 1; id <= Requests; id++)
                {
                    // Methods answered without waiting on anything (getUserAgent, account/read with no credentials).
                    var method = id % 2 == 0 ? "getUserAgent" : "account/read";
                    await stdin.WriteAsync(Encoding.UTF8.GetBytes($$$"""{"id":{{{id}}},"method":"{{{method}}}","params":{}}""" + "\n"));
                }

                await stdin.FlushAsync();
            });

            // Longer than the 1 s the server waits for a slot before shedding: enough for ~3000
            // answers (well over the 64 KiB pipe) to back up behind a reader that is not reading.
            await Task.Delay(TimeSpan.FromSeconds(3));
            var responses = new List<JsonObject>();
            using var stdout = new StreamReader(process.StandardOutput.BaseStream, Encoding.UTF8);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            while (responses.Count < Requests + 1 && await stdout.ReadLineAsync(timeout.Token) is { } line)
            {
                responses.Add(JsonNode.Parse(line)!.AsObject());
            }

            await writer.WaitAsync(timeout.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);

            responses.Should().HaveCount(Requests + 1);
            responses.Where(r => r.ContainsKey("error")).Select(r => r.ToJsonString()).Should().BeEmpty("a slow reader is met with backpressure, never -32001");
            responses.Select(r => r["id"]!.GetValue<int>()).Should().BeEquivalentTo(Enumerable.Range(0, Requests + 1));
            process.ExitCode.Should().Be(0);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task HostileClientStrings_AtTraceLevel_ReachStderrEscaped()
    {
        const string Hostile = "x\u001b]0;pwned\u0007\u001b[2J\u009b31m\u007f\u202e\u2066y";
        await using var server = ServerProcess.Start(_home.Path, arguments: ["--log-level", "trace"]);
        var client = server.Client;
        var name = JsonValue.Create(Hostile);

        await client.RequestAsync("initialize", new JsonObject { ["clientInfo"] = new JsonObject { ["name"] = name.DeepClone(), ["version"] = name.DeepClone() } });
        await client.InitializeAsync();
        await client.RequestAsync("no/" + Hostile, new { }, JsonValue.Create(Hostile));
        await client.RequestAsync("account/login/cancel", new { loginId = Hostile });
        await client.SendLineAsync(new JsonObject { ["id"] = Hostile, ["result"] = new JsonObject() }.ToJsonString());
        await client.CloseInputAsync();
        (await server.WaitForExitAsync(s_exitTimeout)).Should().Be(0);

        var stderr = server.Stderr;
        stderr.Should().Contain("x\\u001B]0;pwned\\u0007\\u001B[2J\\u009B31m\\u007F\\u202E\\u2066y", "client values are logged, escaped");
        stderr.Where(c => c is not ('\n' or '\r') && IsTerminalControl(c)).Select(c => $"U+{(int)c:X4}").Should().BeEmpty();
    }

    private static bool IsTerminalControl(char c) =>
        c <= '\u001F' || c is >= '\u007F' and <= '\u009F' || c is '\u061C' or '\u200E' or '\u200F' or '\u2028' or '\u2029' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';
}
