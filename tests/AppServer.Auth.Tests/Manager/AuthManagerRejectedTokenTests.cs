using System.Text.Json;
using AppServer.Auth.Health;
using AppServer.Auth.Manager;
using AppServer.Auth.Refresh;
using AppServer.Auth.Tests.Manager.Support;
using AppServer.DevIssuer;

namespace AppServer.Auth.Tests.Manager;

/// <summary>
/// A client names the bearer the API just refused: the current token is refreshed for real even
/// inside the recent-refresh window, once for all callers naming it; anything else costs no call.
/// </summary>
public sealed class AuthManagerRejectedTokenTests : IAsyncLifetime
{
    private static readonly TimeSpan s_arrivalTimeout = TimeSpan.FromSeconds(10);

    private ManagerHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ManagerHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task RefreshRejectedAsync_CurrentTokenWithinRecentWindow_RefreshesOnce()
    {
        // Arrange: a refresh a moment ago, so a plain refresh demand is answered from the window.
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        (await manager.RefreshAsync(CancellationToken.None)).Should().Be(RefreshOutcome.Refreshed);
        var rejected = manager.Current.BearerToken!;
        _harness.Clock.Advance(TimeSpan.FromSeconds(5));
        (await manager.RefreshAsync(CancellationToken.None)).Should().Be(RefreshOutcome.NotNeeded);
        _harness.Posts.Should().Be(1);

        // Act
        var outcome = await manager.RefreshRejectedAsync(rejected, CancellationToken.None);

        // Assert
        outcome.Should().Be(RefreshOutcome.Refreshed);
        _harness.Posts.Should().Be(2);
        manager.Current.BearerToken.Should().NotBe(rejected);
        RefreshReasons().Should().Equal("forced", "unauthorized_recovery");
    }

    [Fact]
    public async Task RefreshRejectedAsync_TwentyConcurrentCallersWithTheSameToken_ShareOneRefresh()
    {
        // Arrange
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        var rejected = manager.Current.BearerToken!;
        using var gate = _harness.Issuer.HoldRefreshes();

        // Act
        var started = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => new StartedCall<RefreshOutcome>(manager.RefreshRejectedAsync(rejected, CancellationToken.None)))));
        await _harness.Issuer.WaitForRefreshRequestsAsync(1, s_arrivalTimeout);
        gate.Release();
        var outcomes = await Task.WhenAll(started.Select(s => s.Call));

        // Assert
        _harness.Posts.Should().Be(1);
        outcomes.Should().OnlyContain(o => o.Succeeded);
        manager.Current.BearerToken.Should().NotBe(rejected);
    }

    [Fact]
    public async Task RefreshRejectedAsync_TokenAlreadyReplaced_AnswersAtOnceWithNoCall()
    {
        // Arrange
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        var stale = manager.Current.BearerToken!;
        await manager.RefreshRejectedAsync(stale, CancellationToken.None);
        var current = manager.Current.BearerToken;
        _harness.Posts.Should().Be(1);

        // Act: a late caller still holding the first token.
        var outcome = await manager.RefreshRejectedAsync(stale, CancellationToken.None);

        // Assert
        outcome.Should().Be(RefreshOutcome.NotNeeded);
        _harness.Posts.Should().Be(1);
        manager.Current.BearerToken.Should().Be(current);
    }

    [Fact]
    public async Task RefreshRejectedAsync_AnotherProcessAlreadyRotated_AdoptsFromDiskWithNoCall()
    {
        // Arrange: two managers on one home; both hold the same token, one of them rotates it.
        _harness.SeedAuth();
        var first = _harness.CreateManager();
        var second = _harness.CreateManager();
        var rejected = first.Current.BearerToken!;
        second.Current.BearerToken.Should().Be(rejected);
        await first.RefreshRejectedAsync(rejected, CancellationToken.None);
        _harness.Posts.Should().Be(1);

        // Act: the second has not reloaded; its client reports the same rejected token.
        var outcome = await second.RefreshRejectedAsync(rejected, CancellationToken.None);

        // Assert
        outcome.Should().Be(RefreshOutcome.Adopted);
        _harness.Posts.Should().Be(1);
        second.Current.BearerToken.Should().Be(first.Current.BearerToken).And.NotBe(rejected);
    }

    [Fact]
    public async Task RefreshRejectedAsync_TokenNewerThanTheOneHeldHere_ReadsTheStoreAndRefreshesItOnce()
    {
        // Arrange: another window rotated (T0 -> T1) and its client got T1; this process still holds T0.
        _harness.SeedAuth();
        var stale = _harness.CreateManager();
        _ = stale.Current;
        var other = _harness.CreateManager();
        await other.RefreshAsync(CancellationToken.None);
        var newer = other.Current.BearerToken!;
        stale.Current.BearerToken.Should().NotBe(newer);
        _harness.Posts.Should().Be(1);

        // Act: the API refused T1, and this process's client reports it before the watcher said anything.
        var outcome = await stale.RefreshRejectedAsync(newer, CancellationToken.None);

        // Assert: T1 was read from the store and really refreshed, never answered with the older T0.
        outcome.Should().Be(RefreshOutcome.Refreshed);
        _harness.Posts.Should().Be(2);
        stale.Current.BearerToken.Should().NotBe(newer);
    }

    [Fact]
    public async Task RefreshRejectedAsync_PoisonedSnapshot_MakesNoCall()
    {
        // Arrange
        _harness.Issuer.SetRefreshMode(RefreshMode.PermanentFailure, errorCode: "refresh_token_reused");
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        var rejected = manager.Current.BearerToken!;
        (await manager.RefreshAsync(CancellationToken.None)).Error.Should().BeOfType<PermanentRefreshError>();
        _harness.Posts.Should().Be(1);

        // Act
        var outcomes = new List<RefreshOutcome>();
        for (var i = 0; i < 10; i++)
        {
            outcomes.Add(await manager.RefreshRejectedAsync(rejected, CancellationToken.None));
        }

        // Assert
        _harness.Posts.Should().Be(1);
        outcomes.Should().OnlyContain(o => o.Error is PermanentRefreshError && !o.CalledNetwork);
        manager.Health.State.Should().Be(AuthHealthState.NeedsLogin);
        manager.Health.Reason.Should().Be(AuthHealthReason.Exhausted);
    }

    [Fact]
    public async Task RefreshRejectedAsync_DuringTransientCooldown_HonoursRetryAfter()
    {
        // Arrange: a 429 with Retry-After: 60 sets a 60 s cooldown.
        _harness.Issuer.SetRefreshMode(RefreshMode.RateLimited, retryAfterSeconds: 60);
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        var rejected = manager.Current.BearerToken!;
        (await manager.RefreshAsync(CancellationToken.None)).Error.Should().BeOfType<TransientRefreshError>();
        _harness.Posts.Should().Be(1);
        manager.Health.Should().BeEquivalentTo(new { State = AuthHealthState.Retrying, NextAttemptAt = ManagerHarness.Start.AddSeconds(60) });
        _harness.Issuer.SetRefreshMode(RefreshMode.Rotate);

        // Act: rejected-token demands before the cooldown ends, then one after.
        var during = new List<RefreshOutcome>();
        for (var i = 0; i < 59; i++)
        {
            during.Add(await manager.RefreshRejectedAsync(rejected, CancellationToken.None));
            _harness.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var postsDuring = _harness.Posts;
        _harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = await manager.RefreshRejectedAsync(rejected, CancellationToken.None);

        // Assert
        postsDuring.Should().Be(1);
        during.Should().OnlyContain(o => o.Error is TransientRefreshError && !o.CalledNetwork);
        after.Should().Be(RefreshOutcome.Refreshed);
        _harness.Posts.Should().Be(2);
        manager.Health.State.Should().Be(AuthHealthState.Ok);
    }

    [Fact]
    public async Task RefreshRejectedAsync_CurrentApiKey_NeedsLoginUntilCredentialsChange()
    {
        // Arrange
        var manager = _harness.CreateManager();
        manager.LoginWithApiKey("sk-rejected-key");
        var changes = new List<AuthHealth>();
        manager.HealthChanged += changes.Add;

        // Act
        var outcome = await manager.RefreshRejectedAsync("sk-rejected-key", CancellationToken.None);
        await manager.RefreshRejectedAsync("sk-rejected-key", CancellationToken.None);
        var whileRejected = manager.Health;
        manager.LoginWithApiKey("sk-new-key");

        // Assert
        outcome.Should().Be(RefreshOutcome.NotNeeded);
        _harness.Posts.Should().Be(0);
        whileRejected.Should().BeEquivalentTo(new { State = AuthHealthState.NeedsLogin, Reason = AuthHealthReason.ApiKeyRejected });
        changes.Select(h => h.State).Should().Equal(AuthHealthState.NeedsLogin, AuthHealthState.Ok);
        manager.Current.BearerToken.Should().Be("sk-new-key");
    }

    [Fact]
    public async Task RefreshRejectedAsync_DifferentApiKey_LeavesHealthOk()
    {
        // Arrange
        var manager = _harness.CreateManager();
        manager.LoginWithApiKey("sk-current-key");

        // Act
        await manager.RefreshRejectedAsync("sk-older-key", CancellationToken.None);

        // Assert
        manager.Health.State.Should().Be(AuthHealthState.Ok);
    }

    [Fact]
    public async Task RefreshAsync_StaleAndExplicit_SendTheirReasons()
    {
        // Arrange
        _harness.SeedAuth(accessTokenExpired: true);
        var manager = _harness.CreateManager();

        // Act
        await manager.GetCurrentAsync(CancellationToken.None);
        _harness.Clock.Advance(TimeSpan.FromMinutes(1));
        await manager.RefreshAsync(CancellationToken.None);

        // Assert
        RefreshReasons().Should().Equal("proactive_expiry", "forced");
    }

    [Fact]
    public async Task ReloadRefreshStatus_PeerRecordedPermanentFailure_PoisonsAndRaisesHealthOnce()
    {
        // Arrange: two managers on one home; the first finds the refresh token dead.
        _harness.Issuer.SetRefreshMode(RefreshMode.PermanentFailure, errorCode: "refresh_token_expired");
        _harness.SeedAuth();
        var failing = _harness.CreateManager();
        var watching = _harness.CreateManager();
        _ = watching.Current;
        var changes = new List<AuthHealth>();
        watching.HealthChanged += changes.Add;
        await failing.RefreshAsync(CancellationToken.None);

        // Act
        watching.ReloadRefreshStatus();
        watching.ReloadRefreshStatus();
        var outcome = await watching.RefreshAsync(CancellationToken.None);

        // Assert
        changes.Should().ContainSingle().Which.Should().BeEquivalentTo(new { State = AuthHealthState.NeedsLogin, Reason = AuthHealthReason.Expired });
        outcome.CalledNetwork.Should().BeFalse();
        _harness.Posts.Should().Be(1);
    }

    private List<string?> RefreshReasons() =>
        [.. _harness.Issuer.Requests.Where(r => r.Path == ManagerHarness.TokenPath)
            .Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("refresh_reason").GetString())];
}
