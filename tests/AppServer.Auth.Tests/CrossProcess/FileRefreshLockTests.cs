using AppServer.Auth.CrossProcess;
using AppServer.Auth.Tests.TestSupport;
using Microsoft.Extensions.Logging;
using CapturingLogger = AppServer.Auth.Tests.Refresh.Support.CapturingLogger;

namespace AppServer.Auth.Tests.CrossProcess;

/// <summary>
/// The OS file lock beside auth.json. Two instances on one path stand in for two processes (each
/// opens its own handle, and an exclusive lock on one handle refuses the other).
/// </summary>
public sealed class FileRefreshLockTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(1);

    private readonly TempDirectory _home = new();
    private readonly SignalingTimeProvider _clock = new();
    private readonly CapturingLogger _logger = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task TryAcquireAsync_Free_ReturnsHandleAndCreatesPrivateLockFile()
    {
        // Arrange
        var refreshLock = CreateLock();

        // Act
        using var held = await refreshLock.TryAcquireAsync(s_timeout, CancellationToken.None);

        // Assert
        held.Should().NotBeNull();
        File.Exists(LockPath).Should().BeTrue();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(LockPath).Should().Be(UnixPermissions.Mode0600);
        }
    }

    [Fact]
    public async Task TryAcquireAsync_HeldByAnotherInstance_WaitsThenReturnsNullAfterTimeout()
    {
        // Arrange
        using var first = await CreateLock().TryAcquireAsync(s_timeout, CancellationToken.None);
        var second = CreateLock();

        // Act
        var waiting = second.TryAcquireAsync(s_timeout, CancellationToken.None);
        var waitedWhileHeld = !waiting.IsCompleted;
        var advanced = await _clock.DriveAsync(waiting);
        var result = await waiting;

        // Assert
        first.Should().NotBeNull();
        waitedWhileHeld.Should().BeTrue();
        result.Should().BeNull();
        advanced.Should().BeGreaterThanOrEqualTo(s_timeout).And.BeLessThan(s_timeout + TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task TryAcquireAsync_ZeroTimeoutWhileHeld_ReturnsNullAtOnce()
    {
        // Arrange
        using var first = await CreateLock().TryAcquireAsync(s_timeout, CancellationToken.None);

        // Act
        var result = await CreateLock().TryAcquireAsync(TimeSpan.Zero, CancellationToken.None);

        // Assert
        result.Should().BeNull();
    }

    [Fact]
    public async Task TryAcquireAsync_FirstHolderDisposes_SecondGetsTheLock()
    {
        // Arrange
        var first = await CreateLock().TryAcquireAsync(s_timeout, CancellationToken.None);
        var waiting = CreateLock().TryAcquireAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        var retryDelay = await _clock.NextTimerAsync();

        // Act
        first!.Dispose();
        _clock.Advance(retryDelay);
        using var second = await waiting;

        // Assert
        second.Should().NotBeNull();
    }

    [Fact]
    public async Task TryAcquireAsync_AfterOwnDispose_CanBeTakenAgain()
    {
        // Arrange
        var refreshLock = CreateLock();
        (await refreshLock.TryAcquireAsync(s_timeout, CancellationToken.None))!.Dispose();

        // Act
        using var again = await refreshLock.TryAcquireAsync(TimeSpan.Zero, CancellationToken.None);

        // Assert
        again.Should().NotBeNull();
    }

    [Fact]
    public async Task TryAcquireAsync_DirectoryMissing_DoesNotThrowAndReturnsNoOpLock()
    {
        // Arrange
        var refreshLock = new FileRefreshLock(_home.Combine("missing", FileRefreshLock.FileName), _clock, _logger);

        // Act
        var act = async () => await refreshLock.TryAcquireAsync(s_timeout, CancellationToken.None);

        // Assert
        using var held = (await act.Should().NotThrowAsync()).Subject;
        held.Should().NotBeNull();
        _logger.Entries.Should().ContainSingle(e => e.Level == LogLevel.Warning);
        Directory.Exists(_home.Combine("missing")).Should().BeFalse();
    }

    [Fact]
    public async Task TryAcquireAsync_CancelledWhileWaiting_ThrowsOperationCanceled()
    {
        // Arrange
        using var first = await CreateLock().TryAcquireAsync(s_timeout, CancellationToken.None);
        using var cancellation = new CancellationTokenSource();
        var waiting = CreateLock().TryAcquireAsync(TimeSpan.FromSeconds(30), cancellation.Token);
        await _clock.NextTimerAsync();

        // Act
        await cancellation.CancelAsync();
        var act = async () => await waiting;

        // Assert
        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    private string LockPath => _home.Combine(FileRefreshLock.FileName);

    private FileRefreshLock CreateLock() => new(LockPath, _clock, _logger);
}
