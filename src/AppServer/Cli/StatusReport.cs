using System.Text.Json.Serialization;

namespace AppServer.Cli;

/// <summary><c>appserver status --json</c>. Never carries a token or key.</summary>
/// <param name="State">One of <see cref="StatusStates"/>; the text form says the same state in words.</param>
/// <param name="LoggedIn">Credentials are stored (whatever their state); <see cref="State"/> says whether they work.</param>
internal sealed record StatusReport(
    [property: JsonPropertyName("state")] string State,
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

/// <summary>The values of <c>state</c> in <c>status --json</c>.</summary>
internal static class StatusStates
{
    /// <summary>Usable credentials: exit code 0.</summary>
    public const string Ready = "ready";

    /// <summary>Logged in, but a permanent refresh failure means the tokens cannot be renewed: sign in again.</summary>
    public const string RefreshFailed = "refreshFailed";

    /// <summary>Credentials are stored but hold no usable token.</summary>
    public const string Unusable = "unusable";

    public const string LoggedOut = "loggedOut";
}

[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(StatusReport))]
[JsonSerializable(typeof(StoreReport))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
