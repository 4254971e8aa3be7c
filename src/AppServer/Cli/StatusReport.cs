using System.Text.Json.Serialization;

namespace AppServer.Cli;

/// <summary><c>appserver status --json</c>. Never carries a token or key.</summary>
internal sealed record StatusReport(
    [property: JsonPropertyName("loggedIn")] bool LoggedIn,
    [property: JsonPropertyName("authMethod")] string? AuthMethod,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("planType")] string? PlanType,
    [property: JsonPropertyName("accountId")] string? AccountId,
    [property: JsonPropertyName("accessTokenExpiresAt")] DateTimeOffset? AccessTokenExpiresAt,
    [property: JsonPropertyName("lastRefresh")] DateTimeOffset? LastRefresh,
    [property: JsonPropertyName("refreshFailure")] Protocol.RefreshFailure? RefreshFailure,
    [property: JsonPropertyName("codexHome")] string CodexHome);

[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(StatusReport))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
