using AppServer.Protocol;

namespace AppServer.Rpc;

/// <summary>
/// An error the client is meant to see: its code and message go on the wire verbatim, so the
/// message must never carry secrets, paths or type names.
/// </summary>
internal sealed class ProtocolErrorException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;

    public static ProtocolErrorException InvalidRequest(string message) => new(ErrorCodes.InvalidRequest, message);

    public static ProtocolErrorException InvalidParams(string message) => new(ErrorCodes.InvalidParams, $"Invalid params: {message}");

    public static ProtocolErrorException Internal(string message) => new(ErrorCodes.InternalError, message);
}
