using System.Diagnostics;
using AppServer.IntegrationTests.Infrastructure;
using AppServer.Testing;
using StreamJsonRpc;

namespace AppServer.IntegrationTests.Transport;

/// <summary>
/// The real executable (the NativeAOT one in CI) under <c>--encoding msgpack</c> and under
/// Content-Length framing, driven by StreamJsonRpc as the client.
/// </summary>
public sealed class StreamJsonRpcClientProcessTests : IDisposable
{
    private readonly TempCodexHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task MessagePackClient_InitializesLogsInAndReadsStatus()
    {
        // The MessagePack-CSharp formatter, as StreamJsonRpc clients have long used it; the server
        // answers through NerdbankMessagePackFormatter, in the native binary too.
        using var process = Spawn("--encoding", "msgpack");
        using var rpc = new JsonRpc(new LengthHeaderMessageHandler(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, new MessagePackFormatter()));
        var notified = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        rpc.AddLocalRpcMethod("account/updated", new Action<string?, string?>((authMode, planType) => notified.TrySetResult(authMode ?? "null")));
        rpc.AddLocalRpcMethod("account/login/completed", new Action<string?, bool, string?>((loginId, success, error) => { }));
        rpc.AddLocalRpcMethod("authStatusChange", new Action<string?>(authMethod => { }));
        rpc.StartListening();

        var initialize = await rpc.InvokeWithParameterObjectAsync<Dictionary<string, object?>>("initialize", new Dictionary<string, object?> { ["clientInfo"] = new Dictionary<string, object?> { ["name"] = "msgpack-client", ["version"] = "1" } });
        await rpc.InvokeWithParameterObjectAsync<Dictionary<string, object?>>("account/login/start", new Dictionary<string, object?> { ["type"] = "apiKey", ["apiKey"] = "sk-msgpack" });
        var status = await rpc.InvokeWithParameterObjectAsync<Dictionary<string, object?>>("getAuthStatus", new Dictionary<string, object?> { ["includeToken"] = true });
        var unknown = async () => await rpc.InvokeWithParameterObjectAsync<Dictionary<string, object?>>("no/such", new Dictionary<string, object?>());

        ((string)initialize["userAgent"]!).Should().StartWith("msgpack-client/");
        status["authMethod"].Should().Be("apikey");
        status["authToken"].Should().Be("sk-msgpack");
        (await notified.Task.WaitAsync(JsonLineClient.Timeout)).Should().Be("apikey");
        (await unknown.Should().ThrowAsync<RemoteMethodNotFoundException>()).Which.ErrorCode.Should().Be(StreamJsonRpc.Protocol.JsonRpcErrorCode.MethodNotFound);
    }

    [Fact]
    public async Task NerdbankMessagePackClient_IsServedToo()
    {
        using var process = Spawn("--encoding", "msgpack");
        var formatter = new NerdbankMessagePackFormatter { TypeShapeProvider = ClientShapes.GeneratedTypeShapeProvider };
        using var rpc = new JsonRpc(new LengthHeaderMessageHandler(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, formatter));
        rpc.StartListening();

        var initialize = await rpc.InvokeWithParameterObjectAsync<Dictionary<string, string>>("initialize", new Dictionary<string, object?> { ["clientInfo"] = new Dictionary<string, string> { ["name"] = "nerdbank-client", ["version"] = "1" } });

        initialize["userAgent"].Should().StartWith("nerdbank-client/");
    }

    [Fact]
    public async Task ContentLengthClient_IsDetectedAndAnsweredInKind()
    {
        using var process = Spawn();
        using var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, new SystemTextJsonFormatter()));
        rpc.StartListening();

        var initialize = await rpc.InvokeWithParameterObjectAsync<Dictionary<string, object?>>("initialize", new Dictionary<string, object?> { ["clientInfo"] = new Dictionary<string, object?> { ["name"] = "lsp-style-é", ["version"] = "1" } });
        var account = await rpc.InvokeWithParameterObjectAsync<Dictionary<string, object?>>("account/read", new Dictionary<string, object?>());

        initialize["userAgent"]!.ToString().Should().Contain("lsp-style-é");
        account.Should().ContainKey("account");
    }

    private Process Spawn(params string[] arguments)
    {
        var start = new ProcessStartInfo(AppServerExecutable.Path) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CODEX_HOME"] = _home.Path;
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }
}

/// <summary>The shapes the Nerdbank client above (de)serializes.</summary>
[PolyType.GenerateShapeFor<Dictionary<string, string>>]
internal sealed partial class ClientShapes;
