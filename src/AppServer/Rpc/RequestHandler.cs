using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AppServer.Protocol;

namespace AppServer.Rpc;

/// <summary>
/// Base of every request handler. It owns params deserialization, so a bad field gets a -32602 that
/// names it, and it serializes the result itself, so a result that cannot be serialized becomes a
/// clean error before a single byte reaches the wire (StreamJsonRpc's JSONL writer would otherwise
/// emit a half-written line).
/// </summary>
/// <remarks>
/// The contracts are picked from <see cref="ProtocolJsonContext"/> on first use, not when the
/// handler is built: a server builds every handler at start, and building a contract costs
/// reflection over its type, which would sit between spawn and the first answer.
/// </remarks>
internal abstract class RequestHandler<TParams, TResult>(
    Func<ProtocolJsonContext, JsonTypeInfo<TParams>> paramsType,
    Func<ProtocolJsonContext, JsonTypeInfo<TResult>> resultType) : IRpcHandler
    where TParams : class
{
    public abstract string Method { get; }

    /// <summary>Params used when the request has no <c>params</c> member; <see langword="null"/> makes them required.</summary>
    protected virtual TParams? ParamsWhenAbsent => null;

    /// <summary>Whether the method is refused with "Not initialized" before <c>initialize</c>.</summary>
    protected virtual bool RequiresInitialization => true;

    public async ValueTask<JsonElement> InvokeAsync(JsonElement? rawParams, ConnectionSession session, CancellationToken cancellationToken)
    {
        // Upstream deserializes before the initialize gate, so bad params win over "Not initialized".
        var parameters = ParamsReader.Read(rawParams, paramsType(ProtocolJsonContext.Default), ParamsWhenAbsent);
        if (RequiresInitialization && !session.IsInitialized)
        {
            throw ProtocolErrorException.InvalidRequest(ErrorMessages.NotInitialized);
        }

        var result = await HandleAsync(parameters, session, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.SerializeToElement(result, resultType(ProtocolJsonContext.Default));
    }

    protected abstract ValueTask<TResult> HandleAsync(TParams parameters, ConnectionSession session, CancellationToken cancellationToken);
}
