using AppServer.Auth.Manager;
using AppServer.Auth.Refresh;
using AppServer.Auth.Tests.Manager.Support;
using AppServer.Auth.Tests.TestSupport;

namespace AppServer.Auth.Tests.Manager;

/// <summary>
/// Two managers on one CODEX_HOME stand in for two server processes: the file lock is held across
/// re-read → POST → write, and a waiter never refreshes unguarded (docs/failure-modes.md §3.2).
/// </summary>
public sealed class AuthManagerCrossProcessTests : IAsyncLifetime
{
    private static readonly TimeSpan s_arrivalTimeout = TimeSpan.FromSeconds(10);

    private ManagerHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ManagerHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [MemberData(nameof(StoreKinds.Persistent), MemberType = typeof(StoreKinds))]
    public async Task GetCurrentAsync_OtherManagerRefreshedFirst_AdoptsItsTokensWithoutCall(StoreKind store)
    {
        _harness.UseStore(store);

        // Arrange
        _harness.SeedAuth(accessTokenExpired: true);
        var first = _harness.CreateManager();
        var second = _harness.CreateManager();
        _ = first.Current;
        _ = second.Current;
        var refreshedByFirst = await first.GetCurrentAsync(CancellationToken.None);

        // Act
        var seenBySecond = await second.GetCurrentAsync(CancellationToken.None);

        // Assert
        seenBySecond.HasSameContent(refreshedByFirst).Should().BeTrue();
        seenBySecond.Origin.Should().Be(SnapshotOrigin.Adopted);
        _harness.Posts.Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.Persistent), MemberType = typeof(StoreKinds))]
    public async Task RefreshAsync_OtherManagerHoldsLockAcrossPost_WaiterMakesNoPostAndAdopts(StoreKind store)
    {
        _harness.UseStore(store);

        // XPROC-08: while the first manager's POST is gated, the second waits on the file lock, and
        // once the first has written its tokens the second adopts them.
        // Arrange
        _harness.SeedAuth();
        var lockClock = new SignalingTimeProvider();
        var holder = _harness.CreateManager();
        var waiter = _harness.CreateManager(lockClock: lockClock);
        _ = waiter.Current;
        using var gate = _harness.Issuer.HoldRefreshes();
        var holding = holder.RefreshAsync(CancellationToken.None);
        await _harness.Issuer.WaitForRefreshRequestsAsync(1, s_arrivalTimeout);
        var waiting = waiter.RefreshAsync(CancellationToken.None);
        var firstRetryDelay = await lockClock.NextTimerAsync();

        // Act
        gate.Release();
        var holderOutcome = await holding;
        lockClock.Advance(firstRetryDelay);
        var waiterOutcome = await waiting;

        // Assert
        holderOutcome.Should().Be(RefreshOutcome.Refreshed);
        waiterOutcome.Should().Be(RefreshOutcome.Adopted);
        waiter.Current.HasSameContent(holder.Current).Should().BeTrue();
        _harness.Posts.Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.Persistent), MemberType = typeof(StoreKinds))]
    public async Task RefreshAsync_LockHeldPastWaitTimeout_ReturnsRetryableErrorWithoutRefreshingUnguarded(StoreKind store)
    {
        _harness.UseStore(store);

        // XPROC-04
        // Arrange
        var seeded = _harness.SeedAuth();
        var lockClock = new SignalingTimeProvider();
        var holder = _harness.CreateManager();
        var waiter = _harness.CreateManager(lockClock: lockClock);
        _ = waiter.Current;
        using var gate = _harness.Issuer.HoldRefreshes();
        var holding = holder.RefreshAsync(CancellationToken.None);
        await _harness.Issuer.WaitForRefreshRequestsAsync(1, s_arrivalTimeout);

        // Act
        var waiting = waiter.RefreshAsync(CancellationToken.None);
        var waited = await lockClock.DriveAsync(waiting);
        var waiterOutcome = await waiting;
        gate.Release();
        await holding;
        var later = await waiter.RefreshAsync(CancellationToken.None);

        // Assert
        waited.Should().BeGreaterThanOrEqualTo(new AuthManagerOptions().LockWaitTimeout);
        waiterOutcome.Error.Should().BeOfType<TransientRefreshError>().Which.Message.Should().Contain("Another process is refreshing");
        waiterOutcome.CalledNetwork.Should().BeFalse();
        waiter.PoisonFor(waiter.Current).Should().BeNull();
        later.Should().Be(RefreshOutcome.Adopted);
        waiter.Current.BearerToken.Should().NotBe(seeded.Tokens!.AccessToken);
        _harness.Posts.Should().Be(1);
    }
}
