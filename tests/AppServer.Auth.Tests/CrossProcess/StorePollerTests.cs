using AppServer.Auth.CrossProcess;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AppServer.Auth.Tests.CrossProcess;

public sealed class StorePollerTests
{
    [Fact]
    public void Poll_EveryInterval_ReReadsTheStore()
    {
        // Arrange
        var clock = new FakeTimeProvider();
        var reloads = 0;
        using var poller = new StorePoller(() => reloads++, clock, TimeSpan.FromSeconds(3), NullLogger.Instance);

        // Act
        clock.Advance(TimeSpan.FromSeconds(2));
        var beforeFirstTick = reloads;
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterFirstTick = reloads;
        clock.Advance(TimeSpan.FromSeconds(6));

        // Assert
        beforeFirstTick.Should().Be(0);
        afterFirstTick.Should().Be(1);
        reloads.Should().Be(3);
    }

    [Fact]
    public void Poll_ReloadThrows_KeepsPolling()
    {
        // Arrange
        var clock = new FakeTimeProvider();
        var calls = 0;
        using var poller = new StorePoller(() => { calls++; throw new IOException("keyring went away"); }, clock, TimeSpan.FromSeconds(3), NullLogger.Instance);

        // Act
        clock.Advance(TimeSpan.FromSeconds(9));

        // Assert
        calls.Should().Be(3);
    }

    [Fact]
    public void Dispose_StopsPolling()
    {
        // Arrange
        var clock = new FakeTimeProvider();
        var reloads = 0;
        var poller = new StorePoller(() => reloads++, clock, TimeSpan.FromSeconds(3), NullLogger.Instance);

        // Act
        poller.Dispose();
        clock.Advance(TimeSpan.FromSeconds(30));

        // Assert
        reloads.Should().Be(0);
    }
}
