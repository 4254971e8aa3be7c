using System.Text.Json.Serialization;

namespace AppServer.Protocol;

public sealed record ClientInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("title")] string? Title = null);
