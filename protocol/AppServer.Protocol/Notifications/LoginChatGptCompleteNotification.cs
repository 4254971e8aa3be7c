using System.Text.Json.Serialization;

namespace AppServer.Protocol;

/// <summary>v1: a login started with <c>loginChatGpt</c> ended.</summary>
public sealed record LoginChatGptCompleteNotification(
    [property: JsonPropertyName("loginId")] string LoginId,
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("error")] string? Error);
