using System.Runtime.Versioning;
using AppServer.Auth.Manager;
using AppServer.Auth.Refresh;
using AppServer.Auth.Tests.Manager.Support;
using AppServer.Auth.Tests.TestSupport;
using AppServer.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AppServer.Auth.Tests.Manager;

/// <summary>
/// A refresh token is single-use: when its replacement could not be stored (a full disk, a
/// read-only CODEX_HOME, both real tmpfs file systems here), it is not spent at all. The cached
/// credentials answer, the stored refresh token stays valid at the issuer, and once the home can
/// take a write again exactly one refresh happens and is saved.
/// </summary>
[Trait("Requires", "Linux")]
[UnsupportedOSPlatform("windows")]
public sealed class AuthManagerUnsavableTests : IAsyncLifetime
{
    private readonly SmallFileSystem _fs = new();
    private ManagerHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ManagerHarness.StartAsync(home: _fs.Path);

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _fs.Dispose();
    }

    [Fact]
    public async Task RefreshAsync_DiskFull_DoesNotPostThenRefreshesOnceWhenSpaceReturns()
    {
        // Arrange
        var seeded = _harness.SeedAuth();
        var manager = _harness.CreateManager();
        _ = manager.State;
        _fs.Fill();

        // Act
        var whileFull = await manager.RefreshAsync(CancellationToken.None);
        var againWhileFull = await manager.RefreshAsync(CancellationToken.None);
        var postsWhileFull = _harness.Posts;
        var cachedWhileFull = manager.Current.Record;
        _fs.Free();
        var afterSpace = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        postsWhileFull.Should().Be(0, "nothing is spent that could not be stored");
        whileFull.CalledNetwork.Should().BeFalse();
        whileFull.Error.Should().BeOfType<TransientRefreshError>()
            .Which.Message.Should().Contain("no space left on device").And.Contain("refresh token was not used");
        againWhileFull.Error.Should().Be(whileFull.Error);
        cachedWhileFull.Should().Be(seeded, "the cached credentials answer meanwhile");
        _harness.Log.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("Not refreshing", StringComparison.Ordinal))
            .Should().Be(1, "the cause is logged once, not per demand");

        afterSpace.Should().Be(RefreshOutcome.Refreshed, "the stored refresh token was still valid at the issuer");
        _harness.Posts.Should().Be(1);
        _harness.Issuer.Requests[^1].Body.Should().Contain(seeded.Tokens!.RefreshToken);
        manager.Current.Unsaved.Should().BeFalse();
        _harness.ReadAuth().Should().Be(manager.Current.Record);
    }

    [Fact]
    public async Task GetCurrentAsync_StaleTokenOnFullDisk_AnswersTheCachedTokenWithoutPost()
    {
        // Arrange
        var seeded = _harness.SeedAuth(accessTokenExpired: true);
        var manager = _harness.CreateManager();
        _ = manager.State;
        _fs.Fill();

        // Act
        var current = await manager.GetCurrentAsync(CancellationToken.None);

        // Assert
        current.Record.Should().Be(seeded);
        _harness.Posts.Should().Be(0);
    }

    [Fact]
    public async Task RefreshAsync_ReadOnlyHome_AnswersAtOnceWithTheTrueCause()
    {
        // Arrange: the lock clock never moves, so a wait for the lock would never end.
        var seeded = _harness.SeedAuth();
        var manager = _harness.CreateManager(lockClock: new FakeTimeProvider());
        _ = manager.State;
        _fs.MakeReadOnly();

        // Act
        var outcome = await manager.RefreshAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        _harness.Posts.Should().Be(0);
        outcome.Error.Should().BeOfType<TransientRefreshError>()
            .Which.Message.Should().Contain("read-only file system").And.NotContain("Another process");
        manager.Current.Record.Should().Be(seeded);

        // And when the home becomes writable: one refresh, saved.
        _fs.MakeWritable();
        (await manager.RefreshAsync(CancellationToken.None)).Should().Be(RefreshOutcome.Refreshed);
        _harness.Posts.Should().Be(1);
        _harness.ReadAuth().Should().Be(manager.Current.Record);
    }
}
