namespace AppServer.Protocol;

/// <summary>
/// JSON-RPC error codes this server emits. The standard codes come from JSON-RPC 2.0; -32001 is the
/// Codex app-server's "overloaded" code, kept so existing clients can recognise it.
/// </summary>
public static class ErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int Overloaded = -32001;
    public const int RequestCanceled = -32800;
}
