namespace AppServer.Framing.MsgPack;

/// <summary>
/// Bytes that are not MessagePack (a truncated value, the unused format byte 0xc1), or a value
/// that has no JSON form. The message never quotes the payload.
/// </summary>
internal sealed class MsgPackFormatException(string message) : Exception(message);
