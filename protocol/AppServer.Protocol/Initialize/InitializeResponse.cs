using System.Text.Json.Serialization;

namespace AppServer.Protocol;

public sealed record InitializeResponse(
    [property: JsonPropertyName("userAgent")] string UserAgent,
    [property: JsonPropertyName("codexHome")] string CodexHome,
    [property: JsonPropertyName("platformFamily")] string PlatformFamily,
    [property: JsonPropertyName("platformOs")] string PlatformOs);
