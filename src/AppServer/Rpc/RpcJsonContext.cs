using System.Text.Json;
using System.Text.Json.Serialization;

namespace AppServer.Rpc;

/// <summary>
/// Types the JSON-RPC plumbing itself (de)serializes: handlers receive raw params and return
/// pre-serialized results, so only <see cref="JsonElement"/> crosses StreamJsonRpc's formatter,
/// plus the request id that StreamJsonRpc's own <c>$/cancelRequest</c> handler binds, and the
/// <c>emittedAtMs</c> stamp of notifications.
/// </summary>
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonElement?))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(StreamJsonRpc.RequestId))]
internal sealed partial class RpcJsonContext : JsonSerializerContext;
