using StreamJsonRpc;

namespace AppServer.Rpc;

/// <summary>
/// The id of the request being handled, flowed to the handler through the execution context, so a
/// handler can schedule work for right after its own response is written.
/// </summary>
internal static class RequestScope
{
    private static readonly AsyncLocal<RequestId?> s_current = new();

    public static RequestId? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }
}
