using AppServer.Auth.Manager;
using AppServer.Auth.Tests.Manager.Support;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Tests.Manager;

/// <summary>
/// DISK-01: the refresh succeeds but the save fails. The old refresh token is already spent, so the
/// new tokens live on in memory, no second POST is made, and the save is retried later.
/// </summary>
public sealed class AuthManagerSaveFailureTests : IAsyncLifetime
{
    private static readonly TimeSpan s_arrivalTimeout = TimeSpan.FromSeconds(10);
    private static readonly AuthManagerOptions s_options = new();

    private ManagerHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ManagerHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task RefreshAsync_SaveFails_KeepsNewTokensInMemoryWithoutSecondPost()
    {
        // Arrange
        var seeded = _harness.SeedAuth();
        var manager = _harness.CreateManager();

        // Act
        var outcome = await RefreshWhileAuthFileIsADirectoryAsync(manager);
        var current = await manager.GetCurrentAsync(CancellationToken.None);
        var again = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        outcome.Should().Be(RefreshOutcome.Refreshed);
        current.Unsaved.Should().BeTrue();
        current.BearerToken.Should().NotBe(seeded.Tokens!.AccessToken);
        current.Record!.Tokens!.RefreshToken.Should().NotBe(seeded.Tokens.RefreshToken);
        again.Should().Be(RefreshOutcome.NotNeeded);
        _harness.Posts.Should().Be(1);
        _harness.Log.Entries.Should().Contain(e => e.Message.Contains("could not be saved", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SaveFails_DiskWritableAgain_TimerSavesWithoutAnyRequest()
    {
        // Arrange
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        await RefreshWhileAuthFileIsADirectoryAsync(manager);
        var refreshed = manager.Current;
        Directory.Delete(_harness.AuthFilePath);

        // Act: no request at all, only time passing.
        _harness.Clock.Advance(s_options.FirstSaveRetryDelay - TimeSpan.FromMilliseconds(1));
        var savedTooEarly = File.Exists(_harness.AuthFilePath);
        _harness.Clock.Advance(TimeSpan.FromMilliseconds(1));

        // Assert
        savedTooEarly.Should().BeFalse();
        manager.Current.Unsaved.Should().BeFalse();
        manager.Current.HasSameContent(refreshed).Should().BeTrue();
        _harness.ReadAuth().Should().Be(refreshed.Record);
        _harness.Posts.Should().Be(1);
        _harness.Log.Entries.Should().ContainSingle(e => e.Message.Contains("Saved refreshed tokens", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SaveKeepsFailing_TimerRetriesBackOffToTheRetryInterval()
    {
        // Arrange
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        await RefreshWhileAuthFileIsADirectoryAsync(manager);
        int Retries() => _harness.Log.Entries.Count(e => e.Message.Contains("Retrying the save", StringComparison.Ordinal));

        // Act: retries at 1, 2, 4, 8, 16 s after each failure, then every 30 s.
        var counts = new List<int>();
        foreach (var wait in new[] { 1, 2, 4, 8, 16, 30, 30 })
        {
            _harness.Clock.Advance(TimeSpan.FromSeconds(wait) - TimeSpan.FromMilliseconds(1));
            var before = Retries();
            _harness.Clock.Advance(TimeSpan.FromMilliseconds(1));
            counts.Add(Retries() - before);
        }

        // Assert
        counts.Should().AllBeEquivalentTo(1);
        manager.Current.Unsaved.Should().BeTrue();
        _harness.Posts.Should().Be(1);
    }

    [Fact]
    public async Task FlushUnsavedTokens_AfterFailedSave_WritesThemOnTheWayOut()
    {
        // Arrange
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        await RefreshWhileAuthFileIsADirectoryAsync(manager);
        var refreshed = manager.Current;
        Directory.Delete(_harness.AuthFilePath);

        // Act
        var flushed = manager.FlushUnsavedTokens();

        // Assert
        flushed.Should().BeTrue();
        _harness.ReadAuth().Should().Be(refreshed.Record);
        _harness.Posts.Should().Be(1);
    }

    [Fact]
    public async Task FlushUnsavedTokens_StillCannotSave_SaysSoAndStopsRetrying()
    {
        // Arrange
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        await RefreshWhileAuthFileIsADirectoryAsync(manager);

        // Act
        var flushed = manager.FlushUnsavedTokens();
        Directory.Delete(_harness.AuthFilePath);
        _harness.Clock.Advance(TimeSpan.FromMinutes(5));

        // Assert
        flushed.Should().BeFalse();
        _harness.Log.Entries.Should().ContainSingle(e => e.Level == LogLevel.Error && e.Message.Contains("Exiting with refreshed tokens", StringComparison.Ordinal));
        File.Exists(_harness.AuthFilePath).Should().BeFalse("no retry runs after the flush");
    }

    [Fact]
    public async Task GetCurrentAsync_SaveStillFailingAfterRetryInterval_StaysUnsavedWithoutPost()
    {
        // Arrange
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        await RefreshWhileAuthFileIsADirectoryAsync(manager);

        // Act
        _harness.Clock.Advance(s_options.SaveRetryInterval);
        var current = await manager.GetCurrentAsync(CancellationToken.None);

        // Assert
        current.Unsaved.Should().BeTrue();
        Directory.Exists(_harness.AuthFilePath).Should().BeTrue();
        _harness.Posts.Should().Be(1);
    }

    [Fact]
    public async Task GetCurrentAsync_SaveKeepsFailingWhilePolled_WarnsOnceAndRetriesEachInterval()
    {
        // DISK-01: the warning is surfaced once, not on every retry.
        // Arrange
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        await RefreshWhileAuthFileIsADirectoryAsync(manager);

        // Act
        await _harness.PollAsync(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10), () => manager.GetCurrentAsync(CancellationToken.None));

        // Assert
        _harness.Log.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("could not be saved", StringComparison.Ordinal))
            .Should().Be(1);
        _harness.Log.Entries.Count(e => e.Message.Contains("Retrying the save", StringComparison.Ordinal))
            .Should().BeGreaterThanOrEqualTo(20, "the timer retries besides the request-driven retry every interval");
        manager.Current.Unsaved.Should().BeTrue();
        _harness.Posts.Should().Be(1);
    }

    [Fact]
    public async Task RefreshAsync_NextRotationWhileStillUnsaved_SpendsTheInMemoryRefreshToken()
    {
        // The file still holds the spent token; memory is the truth until a save works.
        // Arrange
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        await RefreshWhileAuthFileIsADirectoryAsync(manager);
        var inMemoryRefreshToken = manager.Current.Record!.Tokens!.RefreshToken;
        _harness.Clock.Advance(s_options.RecentRefreshWindow);

        // Act
        var outcome = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        outcome.Should().Be(RefreshOutcome.Refreshed);
        _harness.Issuer.Requests[^1].Body.Should().Contain(inMemoryRefreshToken);
        manager.Current.Unsaved.Should().BeTrue();
        _harness.Posts.Should().Be(2);
    }

    [Fact]
    public async Task RefreshAsync_AfterFailedSaveWhenDiskWritableAgain_SavesBeforeDecidingAndRotatesOnce()
    {
        // Arrange
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        await RefreshWhileAuthFileIsADirectoryAsync(manager);
        Directory.Delete(_harness.AuthFilePath);
        _harness.Clock.Advance(s_options.RecentRefreshWindow);

        // Act
        var outcome = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        outcome.Should().Be(RefreshOutcome.Refreshed);
        manager.Current.Unsaved.Should().BeFalse();
        _harness.ReadAuth().Should().Be(manager.Current.Record);
        _harness.Posts.Should().Be(2);
    }

    /// <summary>
    /// Refreshes with the POST gated; while it is in flight auth.json is replaced by a directory, so
    /// the read before the POST succeeded but the save after it fails (root ignores permission bits).
    /// </summary>
    private async Task<RefreshOutcome> RefreshWhileAuthFileIsADirectoryAsync(AuthManager manager)
    {
        var postsBefore = _harness.Posts;
        using var gate = _harness.Issuer.HoldRefreshes();
        var call = manager.RefreshAsync(CancellationToken.None);
        await _harness.Issuer.WaitForRefreshRequestsAsync(postsBefore + 1, s_arrivalTimeout);
        File.Delete(_harness.AuthFilePath);
        Directory.CreateDirectory(_harness.AuthFilePath);
        gate.Release();
        return await call;
    }
}
