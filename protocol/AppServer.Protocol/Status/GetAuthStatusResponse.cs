using System.Text.Json.Serialization;

namespace AppServer.Protocol;

/// <summary>
/// Result of <c>getAuthStatus</c>. The first three members are always present (JSON <c>null</c>
/// when absent). <see cref="RefreshFailure"/> is an additive member, written only when the current
/// credentials are poisoned.
/// </summary>
public sealed record GetAuthStatusResponse(
    [property: JsonPropertyName("authMethod")] AuthMode? AuthMethod,
    [property: JsonPropertyName("authToken")] string? AuthToken,
    [property: JsonPropertyName("requiresOpenaiAuth")] bool? RequiresOpenaiAuth,
    [property: JsonPropertyName("refreshFailure"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RefreshFailure? RefreshFailure = null);
