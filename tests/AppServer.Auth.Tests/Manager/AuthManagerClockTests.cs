using AppServer.Auth.Tests.Manager.Support;
using AppServer.DevIssuer;

namespace AppServer.Auth.Tests.Manager;

/// <summary>Clock skew and staleness (docs/failure-modes.md §3.3), driven by a fake clock and counted in POSTs.</summary>
public sealed class AuthManagerClockTests
{
    private static readonly TimeSpan s_pollEvery = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(60, 3)]
    [InlineData(600, 3)]
    [InlineData(86_400, 4)]
    public async Task GetCurrentAsync_LocalClockAheadOfIssuer_RefreshesOncePerRotationOnIssuerTime(int aheadSeconds, int expectedPosts)
    {
        // CLOCK-01. Tokens live 1 h on the issuer's clock and are due 5 min before exp. Whatever the
        // skew, once a refresh has measured it the next one comes 55 min later (one per rotation),
        // never on every poll. The first refresh happens when the token looks due on the local clock.
        // Arrange
        await using var harness = await ManagerHarness.StartAsync(localClockAhead: TimeSpan.FromSeconds(aheadSeconds));
        harness.SeedAuth();
        var manager = harness.CreateManager();

        // Act
        await harness.PollAsync(s_pollEvery, TimeSpan.FromHours(3), () => manager.GetCurrentAsync(CancellationToken.None));

        // Assert
        harness.Posts.Should().Be(expectedPosts);
        Gaps(harness.PostTimes).Should().AllBeEquivalentTo(TimeSpan.FromMinutes(55));
    }

    [Theory]
    [InlineData(600)]
    [InlineData(86_400)]
    public async Task GetCurrentAsync_LocalClockBehindIssuer_AcceptsFutureIatWithoutRefresh(int behindSeconds)
    {
        // CLOCK-02: the token's iat is in the (local) future; it is used, with no rejection and no loop.
        // Arrange
        await using var harness = await ManagerHarness.StartAsync(localClockAhead: TimeSpan.FromSeconds(-behindSeconds));
        var seeded = harness.SeedAuth();
        var manager = harness.CreateManager();
        var returned = new HashSet<string>(StringComparer.Ordinal);

        // Act
        await harness.PollAsync(s_pollEvery, TimeSpan.FromHours(1), async () =>
            returned.Add((await manager.GetCurrentAsync(CancellationToken.None)).Fingerprint));

        // Assert
        harness.Posts.Should().Be(0);
        returned.Should().ContainSingle();
        manager.Current.Record.Should().Be(seeded);
        manager.Current.BearerToken.Should().Be(seeded.Tokens!.AccessToken);
    }

    [Fact]
    public async Task GetCurrentAsync_LocalClockADayBehindAfterRefresh_RefreshesOnIssuerTime()
    {
        // CLOCK-02, the other half: once a refresh has measured the skew, the next proactive refresh
        // follows the issuer's clock (55 min later), not the local one (which would wait a day while
        // the token is already dead).
        // Arrange
        await using var harness = await ManagerHarness.StartAsync(localClockAhead: TimeSpan.FromDays(-1));
        harness.SeedAuth();
        var manager = harness.CreateManager();
        await manager.RefreshAsync(CancellationToken.None);

        // Act
        await harness.PollAsync(s_pollEvery, TimeSpan.FromHours(1), () => manager.GetCurrentAsync(CancellationToken.None));

        // Assert
        harness.Posts.Should().Be(2);
        Gaps(harness.PostTimes).Should().Equal(TimeSpan.FromMinutes(55));
    }

    [Fact]
    public async Task GetCurrentAsync_TokenShorterThanWindow_RefreshesAtHalfLifeNotOnEveryCall()
    {
        // CLOCK-03: a 60 s token with a 5 min window would be stale on arrival; the window is capped
        // at half the lifetime, so 121 polls over 10 minutes make one refresh per 30 s.
        // Arrange
        await using var harness = await ManagerHarness.StartAsync(accessTokenLifetime: TimeSpan.FromSeconds(60));
        harness.SeedAuth();
        var manager = harness.CreateManager();

        // Act
        await harness.PollAsync(s_pollEvery, TimeSpan.FromMinutes(10), () => manager.GetCurrentAsync(CancellationToken.None));

        // Assert
        harness.Posts.Should().Be(20);
        harness.PostTimes[0].Should().Be(ManagerHarness.Start.AddSeconds(30));
        Gaps(harness.PostTimes).Should().AllBeEquivalentTo(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData(8 * 86_400 - 3_600, 0)]
    [InlineData(8 * 86_400, 0)]
    [InlineData(8 * 86_400 + 1, 1)]
    public async Task GetCurrentAsync_AccessTokenWithoutExp_FollowsLastRefreshAge(int ageSeconds, int expectedPosts)
    {
        // CLOCK-04: 7 d 23 h is fresh, exactly 8 d is still fresh (strictly older is stale), 8 d + 1 s is stale.
        // Arrange
        await using var harness = await ManagerHarness.StartAsync();
        var now = harness.Clock.GetUtcNow();
        harness.SeedAuth(lastRefresh: now.AddSeconds(-ageSeconds), accessToken: "opaque-access-token");
        var manager = harness.CreateManager();

        // Act
        await manager.GetCurrentAsync(CancellationToken.None);

        // Assert
        harness.Posts.Should().Be(expectedPosts);
    }

    [Fact]
    public async Task GetCurrentAsync_LastRefreshInTheFuture_IsNotStale()
    {
        // CLOCK-05
        // Arrange
        await using var harness = await ManagerHarness.StartAsync();
        var seeded = harness.SeedAuth(lastRefresh: harness.Clock.GetUtcNow().AddDays(1), accessToken: "opaque-access-token");
        var manager = harness.CreateManager();

        // Act
        await harness.PollAsync(s_pollEvery, TimeSpan.FromHours(1), () => manager.GetCurrentAsync(CancellationToken.None));

        // Assert
        harness.Posts.Should().Be(0);
        manager.Current.Record.Should().Be(seeded);
    }

    [Theory]
    [InlineData(3_600, 300, 1)]
    [InlineData(3_600, 301, 0)]
    [InlineData(60, 30, 1)]
    [InlineData(60, 31, 0)]
    [InlineData(3_600, 0, 1)]
    public async Task GetCurrentAsync_ExpAtWindowBoundary_IsStaleExactlyAtTheBoundary(int lifetimeSeconds, int secondsUntilExp, int expectedPosts)
    {
        // CLOCK-06, pinned: due when now >= exp - window, window = min(5 min, lifetime / 2). So exp
        // exactly one window away is stale; one second further is not.
        // Arrange
        await using var harness = await ManagerHarness.StartAsync();
        var exp = harness.Clock.GetUtcNow().AddSeconds(secondsUntilExp);
        harness.SeedAuth(accessToken: ManagerHarness.AccessToken(exp, exp.AddSeconds(-lifetimeSeconds)));
        var manager = harness.CreateManager();

        // Act
        await manager.GetCurrentAsync(CancellationToken.None);

        // Assert
        harness.Posts.Should().Be(expectedPosts);
    }

    [Fact]
    public async Task GetCurrentAsync_ProactiveRefreshFailsTransientlyWhileTokenValid_ReturnsStillValidToken()
    {
        // CLOCK-07
        // Arrange
        await using var harness = await ManagerHarness.StartAsync();
        harness.Issuer.SetRefreshMode(RefreshMode.Transient);
        var exp = harness.Clock.GetUtcNow().AddMinutes(2);
        var seeded = harness.SeedAuth(accessToken: ManagerHarness.AccessToken(exp));
        var manager = harness.CreateManager();

        // Act
        var first = await manager.GetCurrentAsync(CancellationToken.None);
        harness.Clock.Advance(TimeSpan.FromSeconds(5));
        var second = await manager.GetCurrentAsync(CancellationToken.None);

        // Assert
        first.BearerToken.Should().Be(seeded.Tokens!.AccessToken);
        second.BearerToken.Should().Be(seeded.Tokens.AccessToken);
        manager.PoisonFor(second).Should().BeNull();
        harness.Posts.Should().Be(1);
    }

    private static IEnumerable<TimeSpan> Gaps(IReadOnlyList<DateTimeOffset> times) =>
        times.Zip(times.Skip(1), static (a, b) => b - a);
}
