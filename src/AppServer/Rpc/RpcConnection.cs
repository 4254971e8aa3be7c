using AppServer.Framing;
using AppServer.Protocol;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace AppServer.Rpc;

/// <summary>One JSON-RPC connection over a pair of streams: framing, formatter, handlers, session.</summary>
internal sealed class RpcConnection : IAsyncDisposable
{
    private readonly AppServerJsonRpc _rpc;
    private readonly IDisposable _registration;

    private RpcConnection(AppServerJsonRpc rpc, ConnectionSession session, IDisposable registration)
    {
        _rpc = rpc;
        Session = session;
        _registration = registration;
    }

    public ConnectionSession Session { get; }

    /// <summary>Completes when the client closes its end or the connection fails.</summary>
    public Task Completion => _rpc.Completion;

    /// <summary>
    /// Starts serving: JSON framed by lines (what Codex clients send) or Content-Length headers
    /// (LSP-style clients), detected from the first bytes, or length-prefixed MessagePack when
    /// <see cref="FramingOptions.Encoding"/> says so.
    /// </summary>
    /// <param name="sending">The stream written to (stdout for the stdio host). StreamJsonRpc takes the sending stream first.</param>
    /// <param name="receiving">The stream read from (stdin).</param>
    /// <param name="flushNotifications">At end of input, sends what is queued for the clients (the notifier's backlog).</param>
    public static RpcConnection Start(Stream sending, Stream receiving, IEnumerable<IRpcHandler> handlers, ConnectionRegistry registry, FramingOptions framing, ILoggerFactory loggerFactory, Func<Task>? flushNotifications = null)
    {
        var logger = loggerFactory.CreateLogger("AppServer.Rpc");
        var session = new ConnectionSession();

        // A response's own notifications first (they may release held ones), then the backlog.
        async Task FlushBeforeEndAsync()
        {
            await session.AfterResponse.WhenIdleAsync().ConfigureAwait(false);
            if (flushNotifications is not null)
            {
                await flushNotifications().ConfigureAwait(false);
            }
        }

        var messageHandler = new FramedMessageHandler(sending, receiving, PayloadCodec.For(framing.Encoding), framing, loggerFactory.CreateLogger("AppServer.Framing"), FlushBeforeEndAsync);
        var rpc = new AppServerJsonRpc(messageHandler, session, logger)
        {
            CancelLocallyInvokedMethodsWhenConnectionIsClosed = true,
            ExceptionStrategy = ExceptionProcessing.CommonErrorData,
            TraceSource = RpcTrace.Create(logger),
        };

        foreach (var handler in handlers)
        {
            new RpcEndpoint(handler, session).Register(rpc);
        }

        var registration = registry.Add(session, rpc);
        rpc.StartListening();
        return new RpcConnection(rpc, session, registration);
    }

    public async ValueTask DisposeAsync()
    {
        _registration.Dispose();
        _rpc.Dispose();
        await Session.AfterResponse.FlushAsync().ConfigureAwait(false);
    }
}
