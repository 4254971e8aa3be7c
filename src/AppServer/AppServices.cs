using System.Reflection;
using AppServer.Auth;
using AppServer.Framing;
using AppServer.Handlers.Initialize;
using AppServer.Rpc;
using Microsoft.Extensions.Logging;

namespace AppServer;

/// <summary>
/// The composition root: one of each process-wide service, and the handler for every method.
/// Tests build it with their own home, clock and HTTP handler.
/// </summary>
internal sealed class AppServices : IAsyncDisposable
{
    public AppServices(ILoggerFactory loggerFactory, CodexHome home)
    {
        LoggerFactory = loggerFactory;
        Home = home;
        UserAgent = new UserAgent(Version);
        Connections = new ConnectionRegistry(loggerFactory.CreateLogger<ConnectionRegistry>());
        Handlers =
        [
            new InitializeHandler(home, UserAgent),
        ];
    }

    public static string Version { get; } =
        typeof(AppServices).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public ILoggerFactory LoggerFactory { get; }

    public CodexHome Home { get; }

    public UserAgent UserAgent { get; }

    public ConnectionRegistry Connections { get; }

    public IReadOnlyList<IRpcHandler> Handlers { get; }

    public FramingOptions Framing { get; init; } = new();

    public RpcConnection Connect(Stream sending, Stream receiving) =>
        RpcConnection.Start(sending, receiving, Handlers, Connections, Framing, LoggerFactory);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
