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
    [property: JsonPropertyName("codexHome")] string CodexHome,
    [property: JsonPropertyName("store")] StoreReport? Store = null);

/// <summary>Which credential store is in use and where the credentials were found.</summary>
internal sealed record StoreReport(
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("location")] string Location,
    [property: JsonPropertyName("foundIn")] string? FoundIn,
    [property: JsonPropertyName("note")] string? Note);

[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(StatusReport))]
[JsonSerializable(typeof(StoreReport))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
