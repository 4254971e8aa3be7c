using System.Text.Json.Serialization;

namespace AppServer.Protocol;

public sealed record LoginApiKeyParams(
    [property: JsonPropertyName("apiKey")] string ApiKey);
