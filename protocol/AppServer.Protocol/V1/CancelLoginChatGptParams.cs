using System.Text.Json.Serialization;

namespace AppServer.Protocol;

public sealed record CancelLoginChatGptParams(
    [property: JsonPropertyName("loginId")] string LoginId);
