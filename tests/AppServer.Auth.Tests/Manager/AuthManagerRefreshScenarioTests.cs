using System.Text.Json.Nodes;
using AppServer.Auth.Jwt;
using AppServer.Auth.Manager;
using AppServer.Auth.Refresh;
using AppServer.Auth.Tests.Manager.Support;
using AppServer.DevIssuer;

namespace AppServer.Auth.Tests.Manager;

/// <summary>
/// The upstream <c>auth_refresh.rs</c> scenarios (docs/codex-compatibility.md §9.4) at unit level, with the same
/// token-endpoint call counts.
/// </summary>
public sealed class AuthManagerRefreshScenarioTests : IAsyncLifetime
{
    private ManagerHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ManagerHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task RefreshAsync_Succeeds_PersistsNewTokensAndAdvancesLastRefresh(StoreKind store)
    {
        _harness.UseStore(store);

        // Arrange
        var initial = _harness.SeedAuth(lastRefresh: _harness.Clock.GetUtcNow().AddDays(-1));
        var manager = _harness.CreateManager();
        _harness.Clock.Advance(TimeSpan.FromMinutes(1));

        // Act
        var outcome = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        outcome.Should().Be(RefreshOutcome.Refreshed);
        _harness.Posts.Should().Be(1);
        _harness.Issuer.Requests.Single().Body.Should().Contain(initial.Tokens!.RefreshToken);
        var onDisk = _harness.ReadAuth();
        onDisk.Tokens!.AccessToken.Should().NotBe(initial.Tokens.AccessToken);
        onDisk.Tokens.RefreshToken.Should().NotBe(initial.Tokens.RefreshToken);
        onDisk.Tokens.AccountId.Should().Be(initial.Tokens.AccountId);
        onDisk.LastRefresh.Should().Be(_harness.Clock.GetUtcNow());
        manager.Current.HasSameContent(CredentialSnapshot.FromDisk(onDisk)).Should().BeTrue();
        manager.Current.Origin.Should().Be(SnapshotOrigin.Refresh);
        manager.Current.Unsaved.Should().BeFalse();
    }

    [Fact]
    public async Task RefreshAsync_DiskRewrittenWithSameContent_StillRefreshesOnce()
    {
        // Arrange
        var initial = _harness.SeedAuth();
        var manager = _harness.CreateManager();
        _ = manager.Current;
        _harness.WriteAuth(initial);

        // Act
        var outcome = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        outcome.Should().Be(RefreshOutcome.Refreshed);
        _harness.Posts.Should().Be(1);
        _harness.ReadAuth().Tokens!.RefreshToken.Should().NotBe(initial.Tokens!.RefreshToken);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task RefreshAsync_DiskHasNewTokensForSameAccount_AdoptsThemWithoutCall(StoreKind store)
    {
        _harness.UseStore(store);

        // Arrange
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        _ = manager.Current;
        var written = ManagerHarness.RecordFor(_harness.Issue(), _harness.Clock.GetUtcNow());
        _harness.WriteAuth(written);

        // Act
        var outcome = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        outcome.Should().Be(RefreshOutcome.Adopted);
        outcome.CalledNetwork.Should().BeFalse();
        _harness.Posts.Should().Be(0);
        manager.Current.Record.Should().Be(written);
        manager.Current.Origin.Should().Be(SnapshotOrigin.Adopted);
    }

    public static TheoryData<StoreKind, string, string> StoresAndOtherIdentities()
    {
        var data = new TheoryData<StoreKind, string, string>();
        foreach (var store in Enum.GetValues<StoreKind>())
        {
            data.Add(store, "other-account", ManagerHarness.UserId);
            data.Add(store, ManagerHarness.AccountId, "user-other");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StoresAndOtherIdentities))]
    public async Task RefreshAsync_DiskHoldsAnotherIdentity_FailsWithMismatchWithoutCallOrChange(StoreKind store, string accountId, string userId)
    {
        _harness.UseStore(store);

        // Arrange
        var initial = _harness.SeedAuth();
        var manager = _harness.CreateManager();
        var before = manager.Current;
        _harness.WriteAuth(ManagerHarness.RecordFor(_harness.Issue(accountId: accountId, userId: userId), _harness.Clock.GetUtcNow()));
        var diskBefore = _harness.ReadAuthBytes();

        // Act
        var outcome = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        outcome.Error.Should().Be(new PermanentRefreshError(RefreshFailureKind.Other, RefreshMessages.AccountMismatch));
        outcome.CalledNetwork.Should().BeFalse();
        _harness.Posts.Should().Be(0);
        manager.Current.Should().BeSameAs(before);
        manager.Current.Record.Should().Be(initial);
        manager.PoisonFor(manager.Current).Should().BeNull();
        _harness.ReadAuthBytes().Should().Equal(diskBefore);
        File.Exists(_harness.StatusFilePath).Should().BeFalse();
    }

    [Fact]
    public async Task GetCurrentAsync_LastRefreshNineDaysOldButAccessTokenValid_ReturnsTokensAsIs()
    {
        // Arrange
        var initial = _harness.SeedAuth(lastRefresh: _harness.Clock.GetUtcNow().AddDays(-9));
        var manager = _harness.CreateManager();

        // Act
        var snapshot = await manager.GetCurrentAsync(CancellationToken.None);

        // Assert
        snapshot.Record.Should().Be(initial);
        _harness.Posts.Should().Be(0);
    }

    [Fact]
    public async Task GetCurrentAsync_AccessTokenExpired_RefreshesOnce()
    {
        // Arrange
        var now = _harness.Clock.GetUtcNow();
        var initial = _harness.SeedAuth(lastRefresh: now.AddDays(-1), accessToken: ManagerHarness.AccessToken(now.AddHours(-1)));
        var manager = _harness.CreateManager();

        // Act
        var snapshot = await manager.GetCurrentAsync(CancellationToken.None);

        // Assert
        _harness.Posts.Should().Be(1);
        snapshot.Record!.Tokens!.AccessToken.Should().NotBe(initial.Tokens!.AccessToken);
        snapshot.AccessTokenExpiry.Should().BeAfter(now);
        _harness.ReadAuth().Should().Be(snapshot.Record);
    }

    public static TheoryData<StoreKind, bool> StoresAndEndpointFailure()
    {
        var data = new TheoryData<StoreKind, bool>();
        foreach (var store in Enum.GetValues<StoreKind>())
        {
            data.Add(store, false);
            data.Add(store, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StoresAndEndpointFailure))]
    public async Task GetCurrentAsync_StaleCacheAndNewerSameAccountDisk_ReturnsDiskTokensWithoutCall(StoreKind store, bool endpointWouldFail)
    {
        _harness.UseStore(store);

        // Arrange
        if (endpointWouldFail)
        {
            _harness.Issuer.SetRefreshMode(RefreshMode.PermanentFailure, errorCode: "refresh_token_expired");
        }

        _harness.SeedAuth(accessTokenExpired: true);
        var manager = _harness.CreateManager();
        _ = manager.Current;
        var newer = ManagerHarness.RecordFor(_harness.Issue(), _harness.Clock.GetUtcNow());
        _harness.WriteAuth(newer);

        // Act
        var snapshot = await manager.GetCurrentAsync(CancellationToken.None);

        // Assert
        snapshot.Record.Should().Be(newer);
        _harness.Posts.Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task RefreshAsync_RefreshTokenExpired_FailsPermanentlyWithReasonExpiredAndLeavesStorage(StoreKind store)
    {
        _harness.UseStore(store);

        // Arrange
        _harness.Issuer.SetRefreshMode(RefreshMode.PermanentFailure, errorCode: "refresh_token_expired");
        var initial = _harness.SeedAuth();
        var diskBefore = _harness.ReadAuthBytes();
        var manager = _harness.CreateManager();

        // Act
        var outcome = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        var expected = new PermanentRefreshError(RefreshFailureKind.Expired, RefreshMessages.Expired);
        outcome.Error.Should().Be(expected);
        outcome.CalledNetwork.Should().BeTrue();
        _harness.Posts.Should().Be(1);
        _harness.ReadAuthBytes().Should().Equal(diskBefore);
        manager.Current.Record.Should().Be(initial);
        manager.PoisonFor(manager.Current).Should().Be(expected);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task RefreshAsync_AfterPermanentFailure_AnswersFromPoisonWithoutCall(StoreKind store)
    {
        _harness.UseStore(store);

        // Arrange
        _harness.Issuer.SetRefreshMode(RefreshMode.PermanentFailure, errorCode: "refresh_token_reused");
        _harness.SeedAuth();
        var manager = _harness.CreateManager();

        // Act
        var first = await manager.RefreshAsync(CancellationToken.None);
        var second = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        var expected = new PermanentRefreshError(RefreshFailureKind.Exhausted, RefreshMessages.Exhausted);
        first.Should().Be(RefreshOutcome.Failed(expected, calledNetwork: true));
        second.Should().Be(RefreshOutcome.Failed(expected, calledNetwork: false));
        _harness.Posts.Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task RefreshAsync_AuthChangedAfterPermanentFailure_AdoptsDiskTokensWithoutCall(StoreKind store)
    {
        _harness.UseStore(store);

        // Arrange
        _harness.Issuer.SetRefreshMode(RefreshMode.PermanentFailure, errorCode: "refresh_token_reused");
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        await manager.RefreshAsync(CancellationToken.None);
        var recovered = ManagerHarness.RecordFor(_harness.Issue(), _harness.Clock.GetUtcNow());
        _harness.WriteAuth(recovered);

        // Act
        var outcome = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        outcome.Should().Be(RefreshOutcome.Adopted);
        manager.Current.Record.Should().Be(recovered);
        manager.PoisonFor(manager.Current).Should().BeNull();
        _harness.Posts.Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task RefreshAsync_ServerError_FailsTransientlyAndChangesNothing(StoreKind store)
    {
        _harness.UseStore(store);

        // Arrange
        _harness.Issuer.EnqueueTokenResponse(MockResponse.Json(500, """{"error":"temporary-failure"}"""));
        var initial = _harness.SeedAuth();
        var diskBefore = _harness.ReadAuthBytes();
        var manager = _harness.CreateManager();

        // Act
        var outcome = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        var error = outcome.Error.Should().BeOfType<TransientRefreshError>().Subject;
        error.StatusCode.Should().Be(500);
        error.Message.Should().StartWith("Failed to refresh token: 500: ");
        _harness.Log.Entries.Should().ContainSingle(e => e.Message.Contains("no new attempt before", StringComparison.Ordinal))
            .Which.Message.Should().StartWith("Failed to refresh token: 500: ").And.NotContain("Failed to refresh token: Failed to refresh token");
        outcome.CalledNetwork.Should().BeTrue();
        _harness.Posts.Should().Be(1);
        manager.Current.Record.Should().Be(initial);
        manager.PoisonFor(manager.Current).Should().BeNull();
        _harness.ReadAuthBytes().Should().Equal(diskBefore);
        File.Exists(_harness.StatusFilePath).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task RefreshAsync_AuthFileRemovedByAnotherProcess_FailsWithoutCallAndDropsCredentials(StoreKind store)
    {
        _harness.UseStore(store);

        // Arrange
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        _ = manager.Current;
        _harness.CreateStore().Delete();

        // Act
        var outcome = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        outcome.Error.Should().Be(new TransientRefreshError(RefreshMessages.TokenDataUnavailable, null, null));
        outcome.CalledNetwork.Should().BeFalse();
        _harness.Posts.Should().Be(0);
        manager.Current.IsNone.Should().BeTrue();
    }

    [Fact]
    public async Task RefreshAsync_ApiKeyAuth_IsNotNeededAndMakesNoCall()
    {
        // Arrange
        var manager = _harness.CreateManager();
        manager.LoginWithApiKey("sk-test-key");

        // Act
        var outcome = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        outcome.Should().Be(RefreshOutcome.NotNeeded);
        _harness.Posts.Should().Be(0);
    }

    [Fact]
    public async Task RefreshAsync_WithinRecentRefreshWindow_AnswersWithoutCall()
    {
        // Arrange
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        await manager.RefreshAsync(CancellationToken.None);
        var refreshed = manager.Current;
        _harness.Clock.Advance(new AuthManagerOptions().RecentRefreshWindow - TimeSpan.FromSeconds(1));

        // Act
        var outcome = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        outcome.Should().Be(RefreshOutcome.NotNeeded);
        manager.Current.Should().BeSameAs(refreshed);
        _harness.Posts.Should().Be(1);
    }

    [Fact]
    public async Task RefreshAsync_AfterRecentRefreshWindow_RotatesAgain()
    {
        // Arrange
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        await manager.RefreshAsync(CancellationToken.None);
        _harness.Clock.Advance(new AuthManagerOptions().RecentRefreshWindow);

        // Act
        var outcome = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        outcome.Should().Be(RefreshOutcome.Refreshed);
        _harness.Posts.Should().Be(2);
    }

    [Fact]
    public async Task RefreshAsync_Succeeds_RaisesChangedOnce()
    {
        // Arrange
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        var before = manager.Current;
        var changes = new List<CredentialChange>();
        manager.Changed += changes.Add;

        // Act
        await manager.RefreshAsync(CancellationToken.None);

        // Assert
        changes.Should().ContainSingle();
        changes[0].Previous.Should().BeSameAs(before);
        changes[0].Current.HasSameContent(manager.Current).Should().BeTrue();
    }

    [Fact]
    public async Task RefreshAsync_ResponseOmitsRefreshToken_KeepsStoredRefreshToken()
    {
        // Arrange
        _harness.Issuer.EnqueueTokenResponse(MockResponse.Json(200, """{"access_token":"at-only-new"}"""));
        var initial = _harness.SeedAuth();
        var manager = _harness.CreateManager();

        // Act
        await manager.RefreshAsync(CancellationToken.None);

        // Assert
        var tokens = _harness.ReadAuth().Tokens!;
        tokens.AccessToken.Should().Be("at-only-new");
        tokens.RefreshToken.Should().Be(initial.Tokens!.RefreshToken);
        tokens.IdToken.Should().Be(initial.Tokens.IdToken);
    }

    [Fact]
    public async Task RefreshAsync_ResponseIdTokenNotJwt_KeepsOldIdTokenAndAppliesNewTokens()
    {
        // Arrange
        _harness.Issuer.EnqueueTokenResponse(MockResponse.Json(200, """{"id_token":"not-a-jwt","access_token":"at-new","refresh_token":"rt-new"}"""));
        var initial = _harness.SeedAuth();
        var manager = _harness.CreateManager();

        // Act
        var outcome = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        outcome.Should().Be(RefreshOutcome.Refreshed);
        var tokens = manager.Current.Record!.Tokens!;
        tokens.IdToken.Should().Be(initial.Tokens!.IdToken);
        tokens.IdClaims.Should().Be(initial.Tokens.IdClaims);
        tokens.AccessToken.Should().Be("at-new");
        tokens.RefreshToken.Should().Be("rt-new");
        _harness.Log.Entries.Should().ContainSingle(e => e.Message.Contains("id_token is not a JWT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefreshAsync_CachedRecordHasNoIdentity_NeverAdoptsFromDisk()
    {
        // Arrange
        var issued = ManagerHarness.RecordFor(_harness.Issue(), _harness.Clock.GetUtcNow());
        var bareIdToken = JwtFactory.Create(new JsonObject { ["email"] = "user@example.com" });
        var anonymous = issued with
        {
            Tokens = issued.Tokens! with { IdToken = bareIdToken, IdClaims = new IdTokenClaims("user@example.com", null, null, null), AccountId = null },
        };
        _harness.WriteAuth(anonymous);
        var manager = _harness.CreateManager();
        _ = manager.Current;
        _harness.WriteAuth(anonymous with { LastRefresh = anonymous.LastRefresh!.Value.AddMinutes(1) });

        // Act
        var outcome = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        outcome.Error.Should().Be(new PermanentRefreshError(RefreshFailureKind.Other, RefreshMessages.AccountMismatch));
        manager.Current.Record.Should().Be(anonymous);
        _harness.Posts.Should().Be(0);
    }
}
