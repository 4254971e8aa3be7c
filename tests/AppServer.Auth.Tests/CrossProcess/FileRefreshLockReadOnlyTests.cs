using System.Runtime.Versioning;
using AppServer.Auth.CrossProcess;
using AppServer.Auth.Tests.TestSupport;
using AppServer.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using CapturingLogger = AppServer.Auth.Tests.Refresh.Support.CapturingLogger;

namespace AppServer.Auth.Tests.CrossProcess;

/// <summary>
/// A CODEX_HOME on a read-only file system (a real read-only tmpfs): no lock file can be created, so
/// no other process can hold one, and waiting for it would only stall every refresh.
/// </summary>
[Trait("Requires", "Linux")]
[UnsupportedOSPlatform("windows")]
public sealed class FileRefreshLockReadOnlyTests : IDisposable
{
    private readonly SmallFileSystem _fs = new();
    private readonly CapturingLogger _logger = new();

    public void Dispose() => _fs.Dispose();

    [Fact]
    public async Task TryAcquireAsync_ReadOnlyFileSystem_AnswersAtOnceAndSaysWhyOnce()
    {
        // Arrange: the fake clock never moves, so any wait for the lock would never end.
        _fs.MakeReadOnly();
        var refreshLock = new FileRefreshLock(_fs.Combine(FileRefreshLock.FileName), new FakeTimeProvider(), _logger);

        // Act
        using var first = await refreshLock.TryAcquireAsync(TimeSpan.FromSeconds(30), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        using var second = await refreshLock.TryAcquireAsync(TimeSpan.FromSeconds(30), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        first.Should().NotBeNull();
        second.Should().NotBeNull();
        _logger.Entries.Should().ContainSingle(e => e.Level == LogLevel.Warning)
            .Which.Message.Should().Contain("read-only file system").And.NotContain("another process holds", "nobody does");
    }
}
