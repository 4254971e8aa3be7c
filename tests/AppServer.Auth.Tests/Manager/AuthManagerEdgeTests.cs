using AppServer.Auth.Manager;
using AppServer.Auth.Refresh;
using AppServer.Auth.Tests.Manager.Support;
using AppServer.DevIssuer;

namespace AppServer.Auth.Tests.Manager;

/// <summary>Edges of the manager's public surface: reloads, cancellation, refusals without a request.</summary>
public sealed class AuthManagerEdgeTests : IAsyncLifetime
{
    private ManagerHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ManagerHarness.StartAsync(localClockAhead: TimeSpan.FromDays(1));

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task ReloadFromDisk_UnchangedFileAfterRefresh_KeepsMeasuredSkewAndMakesNoExtraPost()
    {
        // The local clock is a day ahead. The refresh measured that; re-reading the same bytes from
        // disk must not throw the measurement away (every later read would look stale and rotate).
        // Arrange
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        await manager.GetCurrentAsync(CancellationToken.None);
        var refreshed = manager.Current;

        // Act
        manager.ReloadFromDisk();
        _harness.Clock.Advance(TimeSpan.FromMinutes(1));
        await manager.GetCurrentAsync(CancellationToken.None);

        // Assert
        manager.Current.Should().BeSameAs(refreshed);
        manager.Current.ClockSkew.Should().Be(TimeSpan.FromDays(1));
        _harness.Posts.Should().Be(1);
    }

    [Fact]
    public async Task ReloadFromDisk_UnchangedFileAfterRefresh_StillAnswersExplicitRefreshAsRecent()
    {
        // Arrange
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        await manager.RefreshAsync(CancellationToken.None);

        // Act
        manager.ReloadFromDisk();
        var outcome = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        outcome.Should().Be(RefreshOutcome.NotNeeded);
        _harness.Posts.Should().Be(1);
    }

    [Fact]
    public async Task ReloadFromDisk_ChangedFile_AdoptsItAndLiftsPoison()
    {
        // Arrange
        _harness.Issuer.SetRefreshMode(RefreshMode.PermanentFailure, errorCode: "refresh_token_reused");
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        await manager.RefreshAsync(CancellationToken.None);
        var written = _harness.SeedAuth();
        var changes = new List<CredentialChange>();
        manager.Changed += changes.Add;

        // Act
        manager.ReloadFromDisk();

        // Assert
        manager.Current.Record.Should().Be(written);
        manager.PoisonFor(manager.Current).Should().BeNull();
        changes.Should().ContainSingle();
    }

    [Fact]
    public async Task RefreshAsync_CallerAlreadyCancelled_ThrowsWithoutSpendingTheRefreshToken()
    {
        // Arrange
        _harness.SeedAuth();
        var manager = _harness.CreateManager();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        // Act
        var act = () => manager.RefreshAsync(cancellation.Token);

        // Assert
        await act.Should().ThrowAsync<OperationCanceledException>();
        await manager.WhenRefreshesCompleteAsync();
        _harness.Posts.Should().Be(0);
    }

    [Fact]
    public async Task RefreshAsync_EmptyStoredRefreshToken_FailsPermanentlyWithoutRequestAndSaysSo()
    {
        // CORRUPT-07: the client refuses to send "" (0 attempts); the outcome must not claim a call.
        // Arrange
        var issued = ManagerHarness.RecordFor(_harness.Issue(), _harness.Clock.GetUtcNow());
        _harness.WriteAuth(issued with { Tokens = issued.Tokens! with { RefreshToken = "" } });
        var manager = _harness.CreateManager();

        // Act
        var first = await manager.RefreshAsync(CancellationToken.None);
        var second = await manager.RefreshAsync(CancellationToken.None);

        // Assert
        first.Error.Should().Be(new PermanentRefreshError(RefreshFailureKind.Other, RefreshMessages.Other));
        first.CalledNetwork.Should().BeFalse();
        second.CalledNetwork.Should().BeFalse();
        _harness.Posts.Should().Be(0);
    }
}
