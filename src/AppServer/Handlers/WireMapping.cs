using AppServer.Auth;
using AppServer.Auth.Health;
using AppServer.Auth.Refresh;
using AppServer.Auth.Storage;
using AppServer.Protocol;
using WireHealth = AppServer.Protocol.AuthHealth;
using WireHealthReason = AppServer.Protocol.AuthHealthReason;
using WireHealthState = AppServer.Protocol.AuthHealthState;

namespace AppServer.Handlers;

/// <summary>Translations from auth-core values to wire values (docs/codex-compatibility.md §1.5, §7.4).</summary>
internal static class WireMapping
{
    public static AuthMode ToWire(this CredentialMode mode) => mode switch
    {
        CredentialMode.ApiKey => AuthMode.ApiKey,
        CredentialMode.ChatGpt => AuthMode.ChatGpt,
        CredentialMode.ChatGptAuthTokens => AuthMode.ChatGptAuthTokens,
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    public static RefreshFailure ToWire(this PermanentRefreshError error) => new(error.Reason switch
    {
        RefreshFailureKind.Expired => RefreshFailureReason.Expired,
        RefreshFailureKind.Exhausted => RefreshFailureReason.Exhausted,
        RefreshFailureKind.Revoked => RefreshFailureReason.Revoked,
        _ => RefreshFailureReason.Other,
    }, error.Message);

    public static WireHealth ToWire(this Auth.Health.AuthHealth health) => new(
        health.State switch
        {
            Auth.Health.AuthHealthState.Ok => WireHealthState.Ok,
            Auth.Health.AuthHealthState.Retrying => WireHealthState.Retrying,
            Auth.Health.AuthHealthState.NeedsLogin => WireHealthState.NeedsLogin,
            Auth.Health.AuthHealthState.LoggedOut => WireHealthState.LoggedOut,
            _ => throw new ArgumentOutOfRangeException(nameof(health)),
        },
        health.Reason switch
        {
            null => null,
            Auth.Health.AuthHealthReason.Expired => WireHealthReason.Expired,
            Auth.Health.AuthHealthReason.Exhausted => WireHealthReason.Exhausted,
            Auth.Health.AuthHealthReason.Revoked => WireHealthReason.Revoked,
            Auth.Health.AuthHealthReason.ApiKeyRejected => WireHealthReason.ApiKeyRejected,
            _ => WireHealthReason.Other,
        },
        health.Message,
        health.Since is { } since ? Rfc3339Timestamp.Format(since) : null,
        health.NextAttemptAt is { } next ? Rfc3339Timestamp.Format(next) : null);

    /// <summary>Plan claim → wire plan; anything unrecognised (or missing) is <c>unknown</c>, never an error.</summary>
    public static PlanType ToPlanType(string? claim) => claim?.ToLowerInvariant() switch
    {
        "free" => PlanType.Free,
        "go" => PlanType.Go,
        "plus" => PlanType.Plus,
        "pro" => PlanType.Pro,
        "team" => PlanType.Team,
        "business" => PlanType.Business,
        "enterprise" or "hc" => PlanType.Enterprise,
        "edu" or "education" => PlanType.Edu,
        "self_serve_business_usage_based" => PlanType.SelfServeBusinessUsageBased,
        "enterprise_cbp_usage_based" => PlanType.EnterpriseCbpUsageBased,
        _ => PlanType.Unknown,
    };
}
