using System.Text.Json.Serialization;

namespace AppServer.Protocol;

/// <summary>v2: any login ended. <c>loginId</c> is null for <c>apiKey</c> and <c>chatgptAuthTokens</c>.</summary>
public sealed record AccountLoginCompletedNotification(
    [property: JsonPropertyName("loginId")] string? LoginId,
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("error")] string? Error);
