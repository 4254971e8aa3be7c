namespace AppServer.Protocol;

/// <summary>One method of the wire contract.</summary>
/// <param name="Method">The JSON-RPC method name.</param>
/// <param name="Direction">Who sends it and whether it is answered.</param>
/// <param name="Surface"><c>handshake</c>, <c>v1</c> (older extensions) or <c>v2</c>.</param>
/// <param name="ParamsType">The params record; null when the method takes none.</param>
/// <param name="ParamsOptional">Whether <c>params</c> may be omitted.</param>
/// <param name="ResultType">The result record of a request; null for notifications.</param>
/// <param name="Summary">One line for the catalogue.</param>
public sealed record MethodDescriptor(
    string Method,
    MessageDirection Direction,
    string Surface,
    Type? ParamsType,
    bool ParamsOptional,
    Type? ResultType,
    string Summary);
