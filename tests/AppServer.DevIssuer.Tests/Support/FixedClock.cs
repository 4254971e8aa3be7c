namespace AppServer.DevIssuer.Tests.Support;

/// <summary>A clock stopped at one instant, so minted <c>exp</c> values are exact.</summary>
internal sealed class FixedClock : TimeProvider
{
    private readonly DateTimeOffset _now;

    public FixedClock(DateTimeOffset now) => _now = now;

    public override DateTimeOffset GetUtcNow() => _now;
}
