using AppServer.Auth.Revoke;
using AppServer.Auth.Tests.Refresh.Support;

namespace AppServer.Auth.Tests.Revoke;

public sealed class TokenRevocationsTests : IDisposable
{
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    private readonly HttpClient _httpClient = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CapturingLogger _logger = new();

    public void Dispose() => _httpClient.Dispose();

    [Fact]
    public async Task DrainAsync_AfterStart_ReturnsThatOutcomeEvenWhenItFinishedFirst()
    {
        // Arrange
        await using var server = LoopbackHttpServer.Start(static _ => new LoopbackResponse(200, "{}"));
        var revocations = Create(new Uri(server.TokenEndpoint, "/oauth/revoke"));
        var started = revocations.Start(new RevocableToken("rt-1", RevocableToken.RefreshTokenHint));
        await started.WaitAsync(s_hangGuard);

        // Act
        var outcomes = await revocations.DrainAsync().WaitAsync(s_hangGuard);

        // Assert
        outcomes.Should().ContainSingle().Which.Revoked.Should().BeTrue();
        (await revocations.DrainAsync()).Should().BeEmpty("a drained outcome is reported once");
    }

    [Fact]
    public async Task Start_RevokeEndpointHangs_ReturnsAtOnceAndTheDrainEndsAtTheBound()
    {
        // Arrange
        await using var server = LoopbackHttpServer.Start(static _ => null);
        var clock = new ObservableTimeProvider();
        var revocations = Create(new Uri(server.TokenEndpoint, "/oauth/revoke"), clock);

        // Act
        var started = revocations.Start(new RevocableToken("rt-1", RevocableToken.RefreshTokenHint));
        await server.WaitForConnectionsAsync(1).WaitAsync(s_hangGuard);
        var draining = revocations.DrainAsync();
        draining.IsCompleted.Should().BeFalse();
        clock.Advance(TimeSpan.FromSeconds(10));
        var outcomes = await draining.WaitAsync(s_hangGuard);

        // Assert
        started.IsCompleted.Should().BeTrue();
        outcomes.Should().ContainSingle().Which.Detail.Should().Be("no answer within 10 s");
    }

    private TokenRevocations Create(Uri endpoint, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        return new TokenRevocations(new TokenRevoker(_httpClient, new RevokeOptions { Endpoint = () => endpoint }, clock, _logger), clock, _logger);
    }
}
