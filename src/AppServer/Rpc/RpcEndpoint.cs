using System.Reflection;
using System.Text.Json;
using StreamJsonRpc;

namespace AppServer.Rpc;

/// <summary>
/// The object StreamJsonRpc invokes for one method. It hands the raw params to the handler, so
/// parameter binding and its errors stay under our control.
/// </summary>
internal sealed class RpcEndpoint(IRpcHandler handler, ConnectionSession session)
{
    private static readonly MethodInfo s_invoke = typeof(RpcEndpoint).GetMethod(nameof(InvokeAsync))!;

    public Task<JsonElement> InvokeAsync(JsonElement? @params = null, CancellationToken cancellationToken = default) =>
        handler.InvokeAsync(@params, session, cancellationToken).AsTask();

    public void Register(JsonRpc rpc) =>
        rpc.AddLocalRpcMethod(s_invoke, this, new JsonRpcMethodAttribute(handler.Method) { UseSingleObjectParameterDeserialization = true });
}
