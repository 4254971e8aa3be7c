using AppServer.Auth.Manager;
using AppServer.Auth.Refresh;
using AppServer.Auth.Tests.Manager.Support;

namespace AppServer.Auth.Tests.Manager;

/// <summary>
/// A token endpoint that never answers (the loopback issuer holds the request) must not hold a
/// caller longer than the demand bound; the refresh itself goes on, and its result is still saved
/// and adopted when it comes.
/// </summary>
public sealed class AuthManagerDemandBoundTests : IAsyncLifetime
{
    private static readonly TimeSpan s_arrivalTimeout = TimeSpan.FromSeconds(10);
    private static readonly AuthManagerOptions s_options = new();

    private ManagerHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ManagerHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task RefreshAsync_EndpointNeverAnswers_AnswersAtTheBoundAndAdoptsTheLateResult()
    {
        // Arrange
        var seeded = _harness.SeedAuth();
        var manager = _harness.CreateManager();
        using var gate = _harness.Issuer.HoldRefreshes();
        var call = manager.RefreshAsync(CancellationToken.None);
        await _harness.Issuer.WaitForRefreshRequestsAsync(1, s_arrivalTimeout);

        // Act
        _harness.Clock.Advance(s_options.RefreshDemandTimeout - TimeSpan.FromMilliseconds(1));
        var answeredEarly = call.IsCompleted;
        _harness.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var outcome = await call.WaitAsync(s_arrivalTimeout);
        var cachedMeanwhile = manager.Current.Record;
        gate.Release();
        await manager.WhenRefreshesCompleteAsync().WaitAsync(s_arrivalTimeout);

        // Assert
        answeredEarly.Should().BeFalse();
        outcome.Error.Should().BeOfType<TransientRefreshError>().Which.Message.Should().Contain("taking too long");
        cachedMeanwhile.Should().Be(seeded);
        _harness.Posts.Should().Be(1);
        manager.Current.Record!.Tokens!.RefreshToken.Should().NotBe(seeded.Tokens!.RefreshToken, "the late result is adopted");
        manager.Current.Unsaved.Should().BeFalse();
        _harness.ReadAuth().Should().Be(manager.Current.Record, "and saved");
    }

    [Fact]
    public async Task GetCurrentAsync_StaleAndEndpointNeverAnswers_AnswersTheCachedTokenAtTheBound()
    {
        // Arrange
        var seeded = _harness.SeedAuth(accessTokenExpired: true);
        var manager = _harness.CreateManager();
        using var gate = _harness.Issuer.HoldRefreshes();
        var call = manager.GetCurrentAsync(CancellationToken.None);
        await _harness.Issuer.WaitForRefreshRequestsAsync(1, s_arrivalTimeout);

        // Act
        _harness.Clock.Advance(s_options.RefreshDemandTimeout);
        var current = await call.WaitAsync(s_arrivalTimeout);
        gate.Release();
        await manager.WhenRefreshesCompleteAsync().WaitAsync(s_arrivalTimeout);

        // Assert
        current.Record.Should().Be(seeded);
        _harness.Posts.Should().Be(1);
    }
}
