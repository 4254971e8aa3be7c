using System.Text.Json.Serialization;

namespace AppServer.Auth.Refresh;

/// <summary>Source-generated serialisation for the token endpoint: no reflection, trim- and AOT-safe.</summary>
[JsonSerializable(typeof(TokenRefreshRequest))]
[JsonSerializable(typeof(TokenEndpointSuccessBody))]
internal sealed partial class RefreshJsonContext : JsonSerializerContext
{
}
