using AppServer.Auth.Manager;
using AppServer.Auth.Refresh;
using AppServer.Auth.Tests.Manager.Support;
using AppServer.DevIssuer;

namespace AppServer.Auth.Tests.Manager;

/// <summary>
/// The poison belongs to one exact credential snapshot (docs/codex-compatibility.md §4.2–§4.4, upstream
/// <c>auth_tests.rs</c>), and a refresh that finishes after its snapshot was replaced never touches
/// the replacement (CONC-05, CONC-08).
/// </summary>
public sealed class AuthManagerSnapshotScopeTests : IAsyncLifetime
{
    private static readonly TimeSpan s_arrivalTimeout = TimeSpan.FromSeconds(10);
    private static readonly PermanentRefreshError s_exhausted = new(RefreshFailureKind.Exhausted, RefreshMessages.Exhausted);

    private ManagerHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ManagerHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task PoisonFor_RecordedForSnapshotA_IsReturnedForAOnlyAndNotForAWithNewTokens()
    {
        // refresh_failure_is_scoped_to_the_matching_auth_snapshot
        // Arrange
        _harness.Issuer.SetRefreshMode(RefreshMode.PermanentFailure, errorCode: "refresh_token_reused");
        var seeded = _harness.SeedAuth();
        var manager = _harness.CreateManager();
        await manager.RefreshAsync(CancellationToken.None);
        var snapshotA = manager.Current;
        var sameWithNewTokens = CredentialSnapshot.FromDisk(seeded with
        {
            Tokens = seeded.Tokens! with { AccessToken = "new-access", RefreshToken = "new-refresh" },
        });
        var sameWithNewLastRefresh = CredentialSnapshot.FromDisk(seeded with { LastRefresh = seeded.LastRefresh!.Value.AddSeconds(1) });

        // Act
        var forA = manager.PoisonFor(snapshotA);
        var forCopyOfA = manager.PoisonFor(CredentialSnapshot.FromDisk(seeded));
        var forNewTokens = manager.PoisonFor(sameWithNewTokens);
        var forNewLastRefresh = manager.PoisonFor(sameWithNewLastRefresh);

        // Assert
        forA.Should().Be(s_exhausted);
        forCopyOfA.Should().Be(s_exhausted);
        forNewTokens.Should().BeNull();
        forNewLastRefresh.Should().BeNull();
    }

    [Fact]
    public async Task PoisonFor_AfterSnapshotReplacedBySameAccountWithNewTokens_IsNullForBoth()
    {
        // Arrange
        _harness.Issuer.SetRefreshMode(RefreshMode.PermanentFailure, errorCode: "refresh_token_reused");
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        await manager.RefreshAsync(CancellationToken.None);
        var snapshotA = manager.Current;
        _harness.SeedAuth();

        // Act
        await manager.RefreshAsync(CancellationToken.None);

        // Assert
        manager.Current.HasSameContent(snapshotA).Should().BeFalse();
        manager.PoisonFor(manager.Current).Should().BeNull();
        manager.PoisonFor(snapshotA).Should().BeNull();
    }

    [Fact]
    public async Task RefreshAsync_ResponseWithoutIdToken_KeepsRawIdTokenAndUpdatesAccessAndRefreshTokens()
    {
        // refresh_without_id_token
        // Arrange
        _harness.Issuer.EnqueueTokenResponse(MockResponse.Json(200, """{"access_token":"new-access","refresh_token":"new-refresh"}"""));
        var seeded = _harness.SeedAuth();
        var manager = _harness.CreateManager();

        // Act
        var outcome = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        outcome.Should().Be(RefreshOutcome.Refreshed);
        foreach (var tokens in new[] { manager.Current.Record!.Tokens!, _harness.ReadAuth().Tokens! })
        {
            tokens.IdToken.Should().Be(seeded.Tokens!.IdToken);
            tokens.IdClaims.Should().Be(seeded.Tokens.IdClaims);
            tokens.AccessToken.Should().Be("new-access");
            tokens.RefreshToken.Should().Be("new-refresh");
            tokens.AccountId.Should().Be(seeded.Tokens.AccountId);
        }
    }

    [Fact]
    public async Task RefreshAsync_ChatGptLoginWhilePermanentFailureInFlight_DoesNotPoisonNewCredentials()
    {
        // CONC-05: a late failure for snapshot A must not poison B.
        // Arrange
        _harness.Issuer.SetRefreshMode(RefreshMode.PermanentFailure, errorCode: "refresh_token_reused");
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        using var gate = _harness.Issuer.HoldRefreshes();
        var call = manager.RefreshAsync(CancellationToken.None);
        await _harness.Issuer.WaitForRefreshRequestsAsync(1, s_arrivalTimeout);
        var loginB = ManagerHarness.RecordFor(_harness.Issue(), _harness.Clock.GetUtcNow());

        // Act
        manager.LoginWithChatGpt(loginB);
        gate.Release();
        var outcome = await call;

        // Assert
        outcome.Error.Should().Be(s_exhausted);
        manager.Current.Record.Should().Be(loginB);
        manager.PoisonFor(manager.Current).Should().BeNull();
        File.Exists(_harness.StatusFilePath).Should().BeFalse();
        _harness.ReadAuth().Should().Be(loginB);
    }

    [Fact]
    public async Task RefreshAsync_ApiKeyLoginWhilePermanentFailureInFlight_DoesNotPoisonApiKey()
    {
        // CONC-05 with an API-key login.
        // Arrange
        _harness.Issuer.SetRefreshMode(RefreshMode.PermanentFailure, errorCode: "refresh_token_reused");
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        using var gate = _harness.Issuer.HoldRefreshes();
        var call = manager.RefreshAsync(CancellationToken.None);
        await _harness.Issuer.WaitForRefreshRequestsAsync(1, s_arrivalTimeout);

        // Act
        manager.LoginWithApiKey("sk-test-key");
        gate.Release();
        await call;

        // Assert
        manager.Current.BearerToken.Should().Be("sk-test-key");
        manager.PoisonFor(manager.Current).Should().BeNull();
        File.Exists(_harness.StatusFilePath).Should().BeFalse();
    }

    [Fact]
    public async Task RefreshAsync_LogoutWhileSuccessfulPostInFlight_NeverBringsCredentialsBack()
    {
        // CONC-08
        // Arrange
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        using var gate = _harness.Issuer.HoldRefreshes();
        var call = manager.RefreshAsync(CancellationToken.None);
        await _harness.Issuer.WaitForRefreshRequestsAsync(1, s_arrivalTimeout);

        // Act
        manager.Logout();
        gate.Release();
        await call;

        // Assert
        manager.Current.IsNone.Should().BeTrue();
        File.Exists(_harness.AuthFilePath).Should().BeFalse();
        _harness.Posts.Should().Be(1);
    }

    [Fact]
    public async Task RefreshAsync_ExternalTokens_AreNeverRefreshedHere()
    {
        // Arrange
        var manager = _harness.CreateManager();
        var external = ManagerHarness.RecordFor(_harness.Issue(accessTokenExpired: true), _harness.Clock.GetUtcNow()) with
        {
            ExplicitMode = CredentialMode.ChatGptAuthTokens,
        };
        manager.SetExternalTokens(external);

        // Act
        var outcome = await manager.RefreshAsync(CancellationToken.None);
        var current = await manager.GetCurrentAsync(CancellationToken.None);

        // Assert
        outcome.Should().Be(RefreshOutcome.NotNeeded);
        current.IsExternal.Should().BeTrue();
        current.Record.Should().Be(external);
        _harness.Posts.Should().Be(0);
        File.Exists(_harness.AuthFilePath).Should().BeFalse();
    }
}
