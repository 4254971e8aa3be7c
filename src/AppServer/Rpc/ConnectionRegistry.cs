using System.Diagnostics.CodeAnalysis;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace AppServer.Rpc;

/// <summary>
/// Every live connection, so a change of credentials can be announced to all initialized clients
/// that have not opted out of the notification.
/// </summary>
internal sealed partial class ConnectionRegistry(ILogger<ConnectionRegistry> logger)
{
    private readonly ConcurrentDictionary<ConnectionSession, JsonRpc> _connections = new();

    public IDisposable Add(ConnectionSession session, JsonRpc rpc)
    {
        _connections[session] = rpc;
        return new Removal(this, session);
    }

    // The untyped argument is always a JsonElement, which the formatter writes through the
    // source-generated RpcJsonContext; nothing is reflected over.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The argument is a JsonElement serialized by a source-generated context.")]
    public async Task BroadcastAsync<T>(string method, T payload, JsonTypeInfo<T> typeInfo)
    {
        var element = JsonSerializer.SerializeToElement(payload, typeInfo);
        foreach (var (session, rpc) in _connections)
        {
            if (!session.WantsNotification(method))
            {
                continue;
            }

            try
            {
                await rpc.NotifyWithParameterObjectAsync(method, element).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or ConnectionLostException)
            {
                // The client went away between the snapshot of connections and the send.
                LogNotificationDropped(logger, method);
            }
            catch (Exception ex)
            {
                // One broken connection (a dead pipe) must not keep the others from hearing about it.
                LogNotificationFailed(logger, method, ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send '{Method}' to one connection ({Error})")]
    private static partial void LogNotificationFailed(ILogger logger, string method, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropped '{Method}' notification for a closed connection")]
    private static partial void LogNotificationDropped(ILogger logger, string method);

    private sealed class Removal(ConnectionRegistry registry, ConnectionSession session) : IDisposable
    {
        public void Dispose() => registry._connections.TryRemove(session, out _);
    }
}
