using AppServer.Auth.Refresh;

namespace AppServer.Auth.Manager;

/// <summary>What a refresh demand ended with.</summary>
/// <param name="Error">Null on success (including "nothing to refresh" and "adopted from disk").</param>
/// <param name="CalledNetwork">Whether this demand's refresh reached the token endpoint.</param>
internal sealed record RefreshOutcome(RefreshError? Error, bool CalledNetwork)
{
    public static RefreshOutcome NotNeeded { get; } = new(null, false);

    public static RefreshOutcome Adopted { get; } = new(null, false);

    public static RefreshOutcome Refreshed { get; } = new(null, true);

    public bool Succeeded => Error is null;

    public static RefreshOutcome Failed(RefreshError error, bool calledNetwork) => new(error, calledNetwork);
}
