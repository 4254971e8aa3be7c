using AppServer.Auth;
using AppServer.Bench.Driver;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Nerdbank.Streams;

namespace AppServer.Bench.InProc;

/// <summary>
/// The production <see cref="AppServices"/> (real AuthManager, handlers, framing and StreamJsonRpc)
/// on one end of a FullDuplexStream, a raw JSON-lines client on the other, an API-key auth.json in
/// a temp CODEX_HOME: getAuthStatus with no process, pipe or kernel in the way.
/// </summary>
[MemoryDiagnoser]
public class RoundTripBenchmarks
{
    private const int Pipelined = 100;

    private readonly byte[] _line = new byte[Requests.MaxStatusLength];
    private BenchHome? _home;
    private AppServices? _services;
    private Rpc.RpcConnection? _connection;
    private InProcessClient? _client;
    private long _nextId = 100;

    [GlobalSetup]
    public void Setup()
    {
        _home = BenchHome.Create();
        _services = new AppServices(new AppServerSettings { Home = CodexHome.Resolve(_home.Path) }, NullLoggerFactory.Instance);
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        _connection = _services.Connect(serverStream, serverStream);
        _client = new InProcessClient(clientStream);
        _client.SendAsync(Requests.Initialize).AsTask().GetAwaiter().GetResult();
        if (!_client.ReadResponseAsync(Requests.InitializeId).AsTask().GetAwaiter().GetResult().IsResult)
        {
            throw new InvalidOperationException("initialize failed");
        }
    }

    /// <summary>One request written, its answer read.</summary>
    [Benchmark]
    public async Task<bool> GetAuthStatus()
    {
        var id = ++_nextId;
        var length = Requests.WriteStatus(id, _line);
        await _client!.SendAsync(_line.AsMemory(0, length)).ConfigureAwait(false);
        return (await _client.ReadResponseAsync(id).ConfigureAwait(false)).IsResult;
    }

    /// <summary>100 requests written at once, then their 100 answers read; reported per request.</summary>
    [Benchmark(OperationsPerInvoke = Pipelined)]
    public async Task<int> GetAuthStatusPipelined()
    {
        var first = _nextId + 1;
        _nextId += Pipelined;
        await _client!.SendAsync(Requests.StatusBatch(first, Pipelined)).ConfigureAwait(false);
        var answered = 0;
        while (answered < Pipelined)
        {
            var response = await _client.ReadAnyResponseAsync().ConfigureAwait(false);
            if (response.Id < first)
            {
                continue;
            }

            if (!response.IsResult)
            {
                throw new InvalidOperationException($"getAuthStatus {response.Id} answered with an error");
            }

            answered++;
        }

        return answered;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _connection?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _services?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _home?.Dispose();
    }
}
