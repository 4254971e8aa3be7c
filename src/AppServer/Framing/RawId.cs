namespace AppServer.Framing;

/// <summary>
/// A request id exactly as it was encoded in the frame (JSON text of a string or number, or one
/// MessagePack token), so an error reply can echo it with the same type.
/// </summary>
internal readonly record struct RawId(byte[] Encoded);
