using System.Text.Json.Serialization;

namespace AppServer.Protocol;

public sealed record InitializeParams(
    [property: JsonPropertyName("clientInfo")] ClientInfo ClientInfo,
    [property: JsonPropertyName("capabilities")] InitializeCapabilities? Capabilities = null);
