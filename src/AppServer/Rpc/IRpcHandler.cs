using System.Text.Json;

namespace AppServer.Rpc;

/// <summary>One JSON-RPC method. Implementations derive from <see cref="RequestHandler{TParams, TResult}"/>.</summary>
internal interface IRpcHandler
{
    string Method { get; }

    ValueTask<JsonElement> InvokeAsync(JsonElement? rawParams, ConnectionSession session, CancellationToken cancellationToken);
}
