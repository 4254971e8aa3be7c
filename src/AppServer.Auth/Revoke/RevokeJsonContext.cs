using System.Text.Json.Serialization;

namespace AppServer.Auth.Revoke;

/// <summary>Source-generated serialisation of the revoke body: no reflection, trim- and AOT-safe.</summary>
[JsonSerializable(typeof(RevokeRequest))]
internal sealed partial class RevokeJsonContext : JsonSerializerContext
{
}
