using System.Text.Json.Serialization;

namespace AppServer.Protocol;

/// <summary>
/// Result of <c>getAuthStatus</c>. The first three members are always present (JSON <c>null</c>
/// when absent). <see cref="RefreshFailure"/> is an additive member, written only when the current
/// credentials are poisoned. <see cref="AuthHealth"/> is additive too, written only when the request
/// named a <c>rejectedAuthToken</c>, so the caller learns at once whether the rejection was recovered.
/// </summary>
public sealed record GetAuthStatusResponse(
    [property: JsonPropertyName("authMethod")] AuthMode? AuthMethod,
    [property: JsonPropertyName("authToken")] string? AuthToken,
    [property: JsonPropertyName("requiresOpenaiAuth")] bool? RequiresOpenaiAuth,
    [property: JsonPropertyName("refreshFailure"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RefreshFailure? RefreshFailure = null,
    [property: JsonPropertyName("authHealth"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AuthHealth? AuthHealth = null);
