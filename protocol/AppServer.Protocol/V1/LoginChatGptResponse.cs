using System.Text.Json.Serialization;

namespace AppServer.Protocol;

public sealed record LoginChatGptResponse(
    [property: JsonPropertyName("loginId")] string LoginId,
    [property: JsonPropertyName("authUrl")] string AuthUrl);
