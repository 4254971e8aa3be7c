using AppServer.Auth.Manager;
using AppServer.Auth.Refresh;
using AppServer.Auth.Tests.Manager.Support;
using AppServer.DevIssuer;

namespace AppServer.Auth.Tests.Manager;

/// <summary>One refresh per snapshot, shared by every concurrent caller (docs/failure-modes.md §3.1).</summary>
public sealed class AuthManagerSingleFlightTests : IAsyncLifetime
{
    private static readonly TimeSpan s_arrivalTimeout = TimeSpan.FromSeconds(10);

    private ManagerHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ManagerHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    public static TheoryData<StoreKind, int> StoresAndCallers => StoreKinds.AllWith(2, 10, 100);

    [Theory]
    [MemberData(nameof(StoresAndCallers))]
    public async Task RefreshAsync_ConcurrentCallersWhilePostGated_ShareOnePost(StoreKind store, int callers)
    {
        _harness.UseStore(store);

        // CONC-01
        // Arrange
        var seeded = _harness.SeedAuth();
        var manager = _harness.CreateManager();
        _ = manager.Current;
        using var gate = _harness.Issuer.HoldRefreshes();

        // Act
        var calls = await StartConcurrentlyAsync(callers, () => manager.RefreshAsync(CancellationToken.None));
        await _harness.Issuer.WaitForRefreshRequestsAsync(1, s_arrivalTimeout);
        gate.Release();
        var outcomes = await Task.WhenAll(calls);

        // Assert
        _harness.Posts.Should().Be(1);
        outcomes.Should().OnlyContain(o => o == RefreshOutcome.Refreshed);
        manager.Current.BearerToken.Should().NotBe(seeded.Tokens!.AccessToken);
        _harness.ReadAuth().Should().Be(manager.Current.Record);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task GetCurrentAsync_ConcurrentCallersOnExpiredToken_AllGetTheSameNewSnapshot(StoreKind store)
    {
        _harness.UseStore(store);

        // Arrange
        var seeded = _harness.SeedAuth(accessTokenExpired: true);
        var manager = _harness.CreateManager();
        _ = manager.Current;
        using var gate = _harness.Issuer.HoldRefreshes();

        // Act
        var calls = await StartConcurrentlyAsync(10, () => manager.GetCurrentAsync(CancellationToken.None));
        await _harness.Issuer.WaitForRefreshRequestsAsync(1, s_arrivalTimeout);
        gate.Release();
        var snapshots = await Task.WhenAll(calls);

        // Assert
        _harness.Posts.Should().Be(1);
        snapshots.Select(s => s.Fingerprint).Distinct().Should().ContainSingle();
        snapshots[0].BearerToken.Should().NotBe(seeded.Tokens!.AccessToken);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task RefreshAndGetCurrent_MixedEntryPointsOnStaleToken_ShareOnePost(StoreKind store)
    {
        _harness.UseStore(store);

        // CONC-07
        // Arrange
        _harness.SeedAuth(accessTokenExpired: true);
        var manager = _harness.CreateManager();
        _ = manager.Current;
        using var gate = _harness.Issuer.HoldRefreshes();

        // Act
        var explicitCalls = await StartConcurrentlyAsync(5, () => manager.RefreshAsync(CancellationToken.None));
        var proactiveCalls = await StartConcurrentlyAsync(5, () => manager.GetCurrentAsync(CancellationToken.None));
        await _harness.Issuer.WaitForRefreshRequestsAsync(1, s_arrivalTimeout);
        gate.Release();
        await Task.WhenAll(explicitCalls);
        var snapshots = await Task.WhenAll(proactiveCalls);

        // Assert
        _harness.Posts.Should().Be(1);
        snapshots.Should().OnlyContain(s => s.Fingerprint == manager.Current.Fingerprint);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task RefreshAsync_ConcurrentCallersAndPermanentFailure_AllPoisonedAndSecondWaveMakesNoPost(StoreKind store)
    {
        _harness.UseStore(store);

        // CONC-02
        // Arrange
        _harness.Issuer.SetRefreshMode(RefreshMode.PermanentFailure, errorCode: "refresh_token_reused");
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        _ = manager.Current;
        using var gate = _harness.Issuer.HoldRefreshes();
        var calls = await StartConcurrentlyAsync(10, () => manager.RefreshAsync(CancellationToken.None));
        await _harness.Issuer.WaitForRefreshRequestsAsync(1, s_arrivalTimeout);
        gate.Release();
        var firstWave = await Task.WhenAll(calls);

        // Act
        var secondWave = await Task.WhenAll(await StartConcurrentlyAsync(10, () => manager.RefreshAsync(CancellationToken.None)));

        // Assert
        var expected = new PermanentRefreshError(RefreshFailureKind.Exhausted, RefreshMessages.Exhausted);
        firstWave.Concat(secondWave).Should().OnlyContain(o => o.Error == expected);
        secondWave.Should().OnlyContain(o => !o.CalledNetwork);
        manager.PoisonFor(manager.Current).Should().Be(expected);
        _harness.Posts.Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task RefreshAsync_ConcurrentCallersAndTransientFailure_NobodyPoisonedAndNextDemandAfterCooldownPosts(StoreKind store)
    {
        _harness.UseStore(store);

        // CONC-03
        // Arrange
        _harness.Issuer.EnqueueTokenResponse(MockResponse.RefreshError(503, "service_unavailable"));
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        _ = manager.Current;
        using var gate = _harness.Issuer.HoldRefreshes();
        var calls = await StartConcurrentlyAsync(10, () => manager.RefreshAsync(CancellationToken.None));
        await _harness.Issuer.WaitForRefreshRequestsAsync(1, s_arrivalTimeout);
        gate.Release();
        var outcomes = await Task.WhenAll(calls);
        _harness.Clock.Advance(new AuthManagerOptions().TransientCooldown);

        // Act
        var next = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        outcomes.Should().OnlyContain(o => o.Error is TransientRefreshError);
        next.Should().Be(RefreshOutcome.Refreshed);
        _harness.Posts.Should().Be(2);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task RefreshAsync_CallerCancelsWhilePostInFlight_ThrowsButRefreshCompletesAndPersists(StoreKind store)
    {
        _harness.UseStore(store);

        // CONC-06
        // Arrange
        var seeded = _harness.SeedAuth();
        var manager = _harness.CreateManager();
        using var gate = _harness.Issuer.HoldRefreshes();
        using var cancellation = new CancellationTokenSource();
        var call = manager.RefreshAsync(cancellation.Token);
        await _harness.Issuer.WaitForRefreshRequestsAsync(1, s_arrivalTimeout);

        // Act
        await cancellation.CancelAsync();
        var cancelled = async () => await call;

        // Assert
        await cancelled.Should().ThrowAsync<OperationCanceledException>();
        gate.Release();
        await manager.WhenRefreshesCompleteAsync();
        var onDisk = _harness.ReadAuth();
        onDisk.Tokens!.RefreshToken.Should().NotBe(seeded.Tokens!.RefreshToken);
        manager.Current.Record.Should().Be(onDisk);
        (await manager.RefreshAsync(CancellationToken.None)).Should().Be(RefreshOutcome.NotNeeded);
        (await _harness.CreateManager().GetCurrentAsync(CancellationToken.None)).Record.Should().Be(onDisk);
        _harness.Posts.Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task RefreshAsync_CallerCancelsWhileOthersWait_OthersStillGetTheResult(StoreKind store)
    {
        _harness.UseStore(store);

        // Arrange
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        using var gate = _harness.Issuer.HoldRefreshes();
        using var cancellation = new CancellationTokenSource();
        var leaving = manager.RefreshAsync(cancellation.Token);
        var staying = manager.RefreshAsync(CancellationToken.None);
        await _harness.Issuer.WaitForRefreshRequestsAsync(1, s_arrivalTimeout);

        // Act
        await cancellation.CancelAsync();
        gate.Release();
        var outcome = await staying;

        // Assert
        var left = async () => await leaving;
        await left.Should().ThrowAsync<OperationCanceledException>();
        outcome.Should().Be(RefreshOutcome.Refreshed);
        _harness.Posts.Should().Be(1);
    }

    /// <summary>
    /// Starts <paramref name="count"/> calls from thread-pool threads and returns once every call has
    /// been issued (each has joined or started the refresh), so releasing the gate afterwards
    /// guarantees they all overlapped the POST.
    /// </summary>
    private static async Task<Task<T>[]> StartConcurrentlyAsync<T>(int count, Func<Task<T>> call)
    {
        var started = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(() => new StartedCall<T>(call()))));
        return [.. started.Select(s => s.Call)];
    }
}
