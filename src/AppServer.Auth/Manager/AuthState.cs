using AppServer.Auth.Refresh;

namespace AppServer.Auth.Manager;

/// <summary>
/// Everything the manager knows at one moment, swapped whole. The poison and the transient cooldown
/// belong to the snapshot they sit beside: a state with a different snapshot starts without them.
/// So does <see cref="KeyRejected"/>: a client reported that the API refused this snapshot's API key.
/// </summary>
internal sealed record AuthState(CredentialSnapshot Snapshot, PermanentRefreshError? Poison = null, TransientCooldown? Cooldown = null, bool KeyRejected = false)
{
    /// <summary>The state after the credentials become <paramref name="next"/>.</summary>
    public AuthState With(CredentialSnapshot next) =>
        next.HasSameContent(Snapshot) ? this with { Snapshot = next } : new AuthState(next);
}

/// <summary>No new refresh attempt for the snapshot before <paramref name="Until"/>; callers get <paramref name="Error"/>.</summary>
internal sealed record TransientCooldown(DateTimeOffset Until, TransientRefreshError Error, int Failures);
