using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AppServer.Protocol;

namespace AppServer.Rpc;

/// <summary>
/// Serializer options handed to StreamJsonRpc's formatter: the protocol settings, with metadata from
/// source-generated contexts only (no reflection fallback).
/// </summary>
internal static class FormatterOptions
{
    // Kept out of RpcJsonContext: static initializers across partial files run in no fixed order,
    // and the generated Default could still be null here.
    public static JsonSerializerOptions Value { get; } = new(ProtocolJson.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ProtocolJsonContext.Default, RpcJsonContext.Default),
    };
}
