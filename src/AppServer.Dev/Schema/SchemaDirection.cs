namespace AppServer.Dev.Schema;

/// <summary>
/// Which way a type travels. The two directions get different rules because the wire differs:
/// the server always writes every member of what it sends, while a client may leave out whatever
/// the server defaults.
/// </summary>
internal enum SchemaDirection
{
    /// <summary>Params of requests and client notifications: required-ness as the deserializer enforces it; unknown members allowed (the server ignores them).</summary>
    ClientToServer,

    /// <summary>Results and server notifications: every member the server always writes is required, and nothing else appears.</summary>
    ServerToClient,
}
