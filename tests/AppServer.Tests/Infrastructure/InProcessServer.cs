using AppServer.Auth;
using Microsoft.Extensions.Logging;
using Nerdbank.Streams;

using AppServer.Testing;

namespace AppServer.Tests.Infrastructure;

/// <summary>
/// A real server (the production <see cref="AppServices"/>) on one end of a FullDuplexStream pair
/// and a raw JSON-lines client on the other. Every log line is captured at Trace level.
/// </summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    private readonly List<(RpcConnectionHandle Server, JsonLineClient Client)> _connections = [];
    private readonly ILoggerFactory _loggerFactory;

    private InProcessServer(AppServerSettings settings)
    {
        Logs = new CapturingLoggerProvider();
        _loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        Services = new AppServices(settings, _loggerFactory);
        Client = Connect();
    }

    public AppServices Services { get; }

    public CapturingLoggerProvider Logs { get; }

    /// <summary>The first connection.</summary>
    public JsonLineClient Client { get; }

    public static InProcessServer Start(string codexHome, Func<AppServerSettings, AppServerSettings>? configure = null)
    {
        // Revokes go nowhere unless a test says where: never to the production issuer.
        var settings = new AppServerSettings
        {
            Home = CodexHome.Resolve(codexHome),
            Revoke = new AppServer.Auth.Revoke.RevokeOptions { Endpoint = static () => new Uri("http://127.0.0.1:9/oauth/revoke") },
        };
        return new InProcessServer(configure?.Invoke(settings) ?? settings);
    }

    /// <summary>Opens another connection to the same server (same AuthManager).</summary>
    public JsonLineClient Connect()
    {
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        var connection = Services.Connect(serverStream, serverStream);
        var client = new JsonLineClient(clientStream, clientStream);
        _connections.Add((new RpcConnectionHandle(connection), client));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        // A schema violation fails the test, but only after everything is torn down.
        ProtocolSchemaViolationException? violation = null;
        foreach (var (server, client) in _connections)
        {
            try
            {
                await client.DisposeAsync();
            }
            catch (ProtocolSchemaViolationException ex)
            {
                violation ??= ex;
            }

            await server.Connection.DisposeAsync();
        }

        await Services.DisposeAsync();
        _loggerFactory.Dispose();
        if (violation is not null)
        {
            throw violation;
        }
    }

    private sealed record RpcConnectionHandle(Rpc.RpcConnection Connection);
}
