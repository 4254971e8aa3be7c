using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AppServer.Auth.Manager;
using AppServer.Auth.Refresh;
using AppServer.Auth.Tests.Manager.Support;
using AppServer.Auth.Tests.TestSupport;
using AppServer.DevIssuer;

namespace AppServer.Auth.Tests.Manager;

/// <summary>
/// The permanent failure persisted beside auth.json (<c>appserver-refresh-status.json</c>): restarts
/// and other processes do not spend a dead refresh token again (XPROC-07).
/// </summary>
public sealed class AuthManagerPersistedStatusTests : IAsyncLifetime
{
    private static readonly PermanentRefreshError s_expired = new(RefreshFailureKind.Expired, RefreshMessages.Expired);

    private ManagerHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await ManagerHarness.StartAsync();
        _harness.Issuer.SetRefreshMode(RefreshMode.PermanentFailure, errorCode: "refresh_token_expired");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task RefreshAsync_PermanentFailure_WritesStatusFileNamingTokenOnlyBySha256(StoreKind store)
    {
        _harness.UseStore(store);

        // Arrange
        var seeded = _harness.SeedAuth();
        var refreshToken = seeded.Tokens!.RefreshToken;
        var manager = _harness.CreateManager();

        // Act
        await manager.RefreshAsync(CancellationToken.None);

        // Assert
        var bytes = File.ReadAllBytes(_harness.StatusFilePath);
        Encoding.UTF8.GetString(bytes).Should().NotContain(refreshToken);
        using var json = JsonDocument.Parse(bytes);
        var root = json.RootElement;
        root.GetProperty("refresh_token_sha256").GetString().Should().Be(Sha256Hex(refreshToken));
        root.GetProperty("reason").GetString().Should().Be("expired");
        root.GetProperty("message").GetString().Should().Be(RefreshMessages.Expired);
        root.GetProperty("recorded_at").GetDateTimeOffset().Should().Be(_harness.Clock.GetUtcNow());
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task RefreshAsync_PermanentFailure_StatusFileIsMode0600(StoreKind store)
    {
        _harness.UseStore(store);

        // Arrange
        _harness.SeedAuth();
        var manager = _harness.CreateManager();

        // Act
        await manager.RefreshAsync(CancellationToken.None);

        // Assert
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(_harness.StatusFilePath).Should().Be(UnixPermissions.Mode0600);
        }
    }

    [Theory]
    [MemberData(nameof(StoreKinds.Persistent), MemberType = typeof(StoreKinds))]
    public async Task NewManager_SameUnchangedAuthAfterPermanentFailure_IsPoisonedWithoutCall(StoreKind store)
    {
        _harness.UseStore(store);

        // Arrange
        _harness.SeedAuth(accessTokenExpired: true);
        await _harness.CreateManager().RefreshAsync(CancellationToken.None);
        var restarted = _harness.CreateManager();

        // Act
        var poison = restarted.PoisonFor(restarted.Current);
        var refresh = await restarted.RefreshAsync(CancellationToken.None);
        var current = await restarted.GetCurrentAsync(CancellationToken.None);

        // Assert
        poison.Should().Be(s_expired);
        refresh.Should().Be(RefreshOutcome.Failed(s_expired, calledNetwork: false));
        restarted.PoisonFor(current).Should().Be(s_expired);
        _harness.Posts.Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task OtherManager_LoadedBeforeTheFailure_FindsTheRecordAndMakesNoCall(StoreKind store)
    {
        _harness.UseStore(store);

        // Two live processes: the second had already loaded the same auth.json when the first failed.
        // Arrange
        _harness.SeedAuth();
        var first = _harness.CreateManager();
        var second = _harness.CreateManager();
        _ = second.Current;
        await first.RefreshAsync(CancellationToken.None);

        // Act
        var outcome = await second.RefreshAsync(CancellationToken.None);

        // Assert
        outcome.Should().Be(RefreshOutcome.Failed(s_expired, calledNetwork: false));
        second.PoisonFor(second.Current).Should().Be(s_expired);
        _harness.Posts.Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.Persistent), MemberType = typeof(StoreKinds))]
    public async Task NewManager_AuthChangedSinceFailure_RemovesRecordAndRefreshesAgain(StoreKind store)
    {
        _harness.UseStore(store);

        // Arrange
        _harness.SeedAuth();
        await _harness.CreateManager().RefreshAsync(CancellationToken.None);
        _harness.SeedAuth();
        _harness.Issuer.SetRefreshMode(RefreshMode.Rotate);
        var restarted = _harness.CreateManager();

        // Act
        var poison = restarted.PoisonFor(restarted.Current);
        var statusFileAfterLoad = File.Exists(_harness.StatusFilePath);
        var outcome = await restarted.RefreshAsync(CancellationToken.None);

        // Assert
        poison.Should().BeNull();
        statusFileAfterLoad.Should().BeFalse();
        outcome.Should().Be(RefreshOutcome.Refreshed);
        _harness.Posts.Should().Be(2);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task RefreshAsync_AuthChangedInSameManagerAfterFailure_RemovesRecordAndRefreshesAgain(StoreKind store)
    {
        _harness.UseStore(store);

        // Arrange
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        await manager.RefreshAsync(CancellationToken.None);
        _harness.SeedAuth();
        _harness.Issuer.SetRefreshMode(RefreshMode.Rotate);

        // Act
        var adopted = await manager.RefreshAsync(CancellationToken.None);
        var statusFileAfterAdoption = File.Exists(_harness.StatusFilePath);
        _harness.Clock.Advance(new AuthManagerOptions().RecentRefreshWindow);
        var refreshed = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        adopted.Should().Be(RefreshOutcome.Adopted);
        statusFileAfterAdoption.Should().BeFalse();
        refreshed.Should().Be(RefreshOutcome.Refreshed);
        _harness.Posts.Should().Be(2);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.Persistent), MemberType = typeof(StoreKinds))]
    public async Task NewManager_StatusFileIsCorrupt_IgnoresItAndRefreshes(StoreKind store)
    {
        _harness.UseStore(store);

        // A damaged record costs one network call, never a crash or a false poison.
        // Arrange
        _harness.SeedAuth();
        File.WriteAllText(_harness.StatusFilePath, "{ not json");
        _harness.Issuer.SetRefreshMode(RefreshMode.Rotate);
        var manager = _harness.CreateManager();

        // Act
        var outcome = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        outcome.Should().Be(RefreshOutcome.Refreshed);
        _harness.Posts.Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Logout_AfterPermanentFailure_RemovesRecordAndPoison(StoreKind store)
    {
        _harness.UseStore(store);

        // POISON-04
        // Arrange
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        await manager.RefreshAsync(CancellationToken.None);

        // Act
        var existed = manager.Logout();

        // Assert
        existed.Should().BeTrue();
        manager.Current.IsNone.Should().BeTrue();
        manager.PoisonFor(manager.Current).Should().BeNull();
        File.Exists(_harness.StatusFilePath).Should().BeFalse();
        File.Exists(_harness.AuthFilePath).Should().BeFalse();
        _harness.HasStoredAuth().Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task LoginWithApiKey_AfterPermanentFailure_LiftsPoisonAndRemovesRecord(StoreKind store)
    {
        _harness.UseStore(store);

        // POISON-04
        // Arrange
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        await manager.RefreshAsync(CancellationToken.None);

        // Act
        manager.LoginWithApiKey("sk-test-key");

        // Assert
        manager.Current.BearerToken.Should().Be("sk-test-key");
        manager.PoisonFor(manager.Current).Should().BeNull();
        File.Exists(_harness.StatusFilePath).Should().BeFalse();
    }

    private static string Sha256Hex(string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
}
