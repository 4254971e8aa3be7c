using AppServer.Auth.Manager;
using AppServer.Auth.Refresh;
using AppServer.Auth.Tests.Manager.Support;
using AppServer.DevIssuer;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Tests.Manager;

/// <summary>
/// Pollers against a failing endpoint: the POST count follows the cooldown (15 s doubling per
/// failure, capped at 5 min; a longer Retry-After wins) or the poison, never the poll rate.
/// </summary>
public sealed class AuthManagerPollingTests : IAsyncLifetime
{
    private static readonly TimeSpan s_pollEvery = TimeSpan.FromSeconds(5);

    private ManagerHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ManagerHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task GetCurrentAsync_ExpiredTokenAndEndpointKeepsFailingTransiently_PostsFollowDoublingCooldown()
    {
        // CLOCK-08: 721 polls in an hour. Attempts at 0, +15, +30, +60, +120, +240 s, then every
        // 300 s (the cap): 16 POSTs, at exactly those times.
        // Arrange
        _harness.Issuer.SetRefreshMode(RefreshMode.Transient);
        var seeded = _harness.SeedAuth(accessTokenExpired: true);
        var manager = _harness.CreateManager();
        var returned = new List<CredentialSnapshot>();

        // Act
        await _harness.PollAsync(s_pollEvery, TimeSpan.FromHours(1), async () => returned.Add(await manager.GetCurrentAsync(CancellationToken.None)));

        // Assert
        int[] expectedSeconds = [0, 15, 45, 105, 225, 465, 765, 1065, 1365, 1665, 1965, 2265, 2565, 2865, 3165, 3465];
        _harness.PostTimes.Should().Equal(expectedSeconds.Select(s => ManagerHarness.Start.AddSeconds(s)));
        returned.Should().OnlyContain(s => s.Record == seeded);
        manager.PoisonFor(manager.Current).Should().BeNull();
    }

    [Fact]
    public async Task RefreshAsync_TenMinuteOutagePolledEveryFiveSeconds_PostsFollowCooldownNotPollRate()
    {
        // NET-07: 121 explicit refreshes during a 10-minute 503 outage → attempts at 0, 15, 45, 105, 225, 465 s.
        // Arrange
        _harness.Issuer.SetRefreshMode(RefreshMode.Transient);
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        var outcomes = new List<RefreshOutcome>();

        // Act
        await _harness.PollAsync(s_pollEvery, TimeSpan.FromMinutes(10), async () => outcomes.Add(await manager.RefreshAsync(CancellationToken.None)));

        // Assert
        int[] expectedSeconds = [0, 15, 45, 105, 225, 465];
        _harness.PostTimes.Should().Equal(expectedSeconds.Select(s => ManagerHarness.Start.AddSeconds(s)));
        outcomes.Should().OnlyContain(o => o.Error is TransientRefreshError);
        outcomes.Count(o => o.CalledNetwork).Should().Be(expectedSeconds.Length);
    }

    [Fact]
    public async Task RefreshAsync_RetryAfterLongerThanCooldown_RetryAfterWins()
    {
        // 429 with Retry-After: 120 s: the cooldown is max(15 s · 2^(n-1), 120 s) → 0, 120, 240, 360, 480.
        // Arrange
        _harness.Issuer.SetRefreshMode(RefreshMode.RateLimited, retryAfterSeconds: 120);
        _harness.SeedAuth();
        var manager = _harness.CreateManager();

        // Act
        await _harness.PollAsync(s_pollEvery, TimeSpan.FromMinutes(10), () => manager.RefreshAsync(CancellationToken.None));

        // Assert
        int[] expectedSeconds = [0, 120, 240, 360, 480];
        _harness.PostTimes.Should().Equal(expectedSeconds.Select(s => ManagerHarness.Start.AddSeconds(s)));
    }

    [Fact]
    public async Task RefreshAsync_InCooldown_ReturnsTheCooldownErrorWithoutCall()
    {
        // Arrange
        _harness.Issuer.SetRefreshMode(RefreshMode.Transient);
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        var first = await manager.RefreshAsync(CancellationToken.None);
        _harness.Clock.Advance(new AuthManagerOptions().TransientCooldown - TimeSpan.FromSeconds(1));

        // Act
        var second = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        second.Should().Be(RefreshOutcome.Failed(first.Error!, calledNetwork: false));
        _harness.Posts.Should().Be(1);
    }

    [Fact]
    public async Task RefreshAsync_TransientThenSuccess_SucceedsAfterCooldownAndNeverPoisons()
    {
        // POISON-07
        // Arrange
        _harness.Issuer.EnqueueTokenResponse(MockResponse.RefreshError(503, "service_unavailable"));
        var seeded = _harness.SeedAuth();
        var manager = _harness.CreateManager();
        var first = await manager.RefreshAsync(CancellationToken.None);
        _harness.Clock.Advance(new AuthManagerOptions().TransientCooldown);

        // Act
        var second = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        first.Error.Should().BeOfType<TransientRefreshError>();
        manager.PoisonFor(manager.Current).Should().BeNull();
        second.Should().Be(RefreshOutcome.Refreshed);
        manager.Current.BearerToken.Should().NotBe(seeded.Tokens!.AccessToken);
        _harness.Posts.Should().Be(2);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task RefreshAndGetCurrent_DeadTokenPolledForTenMinutes_PostOnceAndLogOnce(StoreKind store)
    {
        _harness.UseStore(store);

        // POISON-10 / POISON-11: a dead, expired token polled every 5 s, both explicitly and
        // proactively: one POST, and the permanent failure is logged once, not per poll.
        // Arrange
        _harness.Issuer.SetRefreshMode(RefreshMode.PermanentFailure, errorCode: "refresh_token_reused");
        _harness.SeedAuth(accessTokenExpired: true);
        var manager = _harness.CreateManager();
        var outcomes = new List<RefreshOutcome>();

        // Act
        await _harness.PollAsync(s_pollEvery, TimeSpan.FromMinutes(10), async () =>
        {
            outcomes.Add(await manager.RefreshAsync(CancellationToken.None));
            await manager.GetCurrentAsync(CancellationToken.None);
        });

        // Assert
        _harness.Posts.Should().Be(1);
        outcomes.Should().OnlyContain(o => o.Error == new PermanentRefreshError(RefreshFailureKind.Exhausted, RefreshMessages.Exhausted));
        _harness.Log.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("failed permanently", StringComparison.Ordinal))
            .Should().Be(1);
    }
}
