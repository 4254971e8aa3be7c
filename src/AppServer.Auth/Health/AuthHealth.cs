using AppServer.Auth.Manager;
using AppServer.Auth.Refresh;

namespace AppServer.Auth.Health;

/// <summary>
/// The health of the credentials at one moment. It is derived from an <see cref="AuthState"/> and
/// nothing else (<see cref="From"/>), so every path that changes the state changes the health the
/// same way, and a change is noticed by comparing two values.
/// </summary>
/// <param name="Since">When the health entered <paramref name="State"/>; stamped by the manager, not derived.</param>
/// <param name="NextAttemptAt">For <see cref="AuthHealthState.Retrying"/>: the end of the cooldown, when the next refresh demand may call the issuer.</param>
internal sealed record AuthHealth(
    AuthHealthState State,
    AuthHealthReason? Reason,
    string? Message,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? Since = null)
{
    public const string ApiKeyRejectedMessage =
        "The API key was rejected. Sign in again or provide a new API key.";

    public static AuthHealth From(AuthState state)
    {
        if (state.Snapshot.IsNone)
        {
            return new AuthHealth(AuthHealthState.LoggedOut, null, null, null);
        }

        if (state.Poison is { } poison)
        {
            return new AuthHealth(AuthHealthState.NeedsLogin, ReasonOf(poison.Reason), poison.Message, null);
        }

        if (state.KeyRejected)
        {
            return new AuthHealth(AuthHealthState.NeedsLogin, AuthHealthReason.ApiKeyRejected, ApiKeyRejectedMessage, null);
        }

        if (state.Cooldown is { } cooldown)
        {
            return new AuthHealth(AuthHealthState.Retrying, null, cooldown.Error.Message, cooldown.Until);
        }

        return new AuthHealth(AuthHealthState.Ok, null, null, null);
    }

    /// <summary>Equal in everything a client is told except <see cref="Since"/>.</summary>
    public bool SameAs(AuthHealth other) =>
        State == other.State && Reason == other.Reason && string.Equals(Message, other.Message, StringComparison.Ordinal) && NextAttemptAt == other.NextAttemptAt;

    private static AuthHealthReason ReasonOf(RefreshFailureKind kind) => kind switch
    {
        RefreshFailureKind.Expired => AuthHealthReason.Expired,
        RefreshFailureKind.Exhausted => AuthHealthReason.Exhausted,
        RefreshFailureKind.Revoked => AuthHealthReason.Revoked,
        _ => AuthHealthReason.Other,
    };
}
