using System.Text.Json;
using System.Text.Json.Serialization;

namespace AppServer.Rpc;

/// <summary>
/// Types the JSON-RPC plumbing itself (de)serializes: handlers receive raw params and return
/// pre-serialized results, so only <see cref="JsonElement"/> crosses StreamJsonRpc's formatter.
/// </summary>
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonElement?))]
[JsonSerializable(typeof(string))]
internal sealed partial class RpcJsonContext : JsonSerializerContext;
