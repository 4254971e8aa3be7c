using AppServer.Testing;
using AppServer.Auth;
using AppServer.Framing;
using AppServer.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using System.IO.Pipelines;
using Nerdbank.Streams;

namespace AppServer.Tests.Transport;

/// <summary>
/// A real server (the production <see cref="AppServices"/>) in a temp CODEX_HOME, with connections
/// over FullDuplexStream pairs for any framing and encoding, raw or through a StreamJsonRpc client.
/// </summary>
internal sealed class TransportServer : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly ILoggerFactory _loggerFactory;
    private readonly TempCodexHome _home = new();

    /// <param name="framing">Adjusts the framing options (encoding, caps).</param>
    /// <param name="configure">Adjusts everything else (the token endpoint, say).</param>
    /// <param name="prepareHome">Writes auth.json before the server starts.</param>
    public TransportServer(Func<FramingOptions, FramingOptions>? framing = null, Func<AppServerSettings, AppServerSettings>? configure = null, Action<TempCodexHome>? prepareHome = null)
    {
        prepareHome?.Invoke(_home);
        Logs = new CapturingLoggerProvider();
        _loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        var settings = new AppServerSettings { Home = CodexHome.Resolve(_home.Path) };
        settings = configure?.Invoke(settings) ?? settings;
        Services = new AppServices(settings with { Framing = framing?.Invoke(settings.Framing) ?? settings.Framing }, _loggerFactory);
    }

    public AppServices Services { get; }

    public CapturingLoggerProvider Logs { get; }

    public string HomePath => _home.Path;

    /// <summary>The client's end of a new connection.</summary>
    public Stream ConnectStream()
    {
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        _owned.Add(Services.Connect(serverStream, serverStream));
        return clientStream;
    }

    public FramedTestClient Connect(WireFraming framing, WireEncoding encoding = WireEncoding.Json)
    {
        var stream = ConnectStream();
        var client = new FramedTestClient(stream, stream, framing, encoding);
        _owned.Insert(0, client);
        return client;
    }

    /// <summary>
    /// A connection over two one-way pipes, so the client can close its input (EOF to the server)
    /// and still read what the server writes afterwards.
    /// </summary>
    /// <returns>The client, and the server connection's completion.</returns>
    public (FramedTestClient Client, Task ServerCompletion) ConnectHalfClosable(WireFraming framing, WireEncoding encoding = WireEncoding.Json)
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        var connection = Services.Connect(toClient.Writer.AsStream(), toServer.Reader.AsStream());
        _owned.Add(connection);
        var client = new FramedTestClient(toServer.Writer.AsStream(), toClient.Reader.AsStream(), framing, encoding);
        _owned.Insert(0, client);
        return (client, connection.Completion);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }

        await Services.DisposeAsync();
        _loggerFactory.Dispose();
        _home.Dispose();
    }
}
