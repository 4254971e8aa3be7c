using System.Text.Json.Serialization;

namespace AppServer.Protocol;

public sealed record GetUserAgentResponse(
    [property: JsonPropertyName("userAgent")] string UserAgent);
