using System.Net;
using AppServer.DevIssuer.Tests.Support;

namespace AppServer.DevIssuer.Tests;

public sealed class RequestGateTests
{
    [Fact]
    public async Task HoldRefreshes_ThreeConcurrentRefreshesOfOneToken_CountedHeldThenExactlyOneWins()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        var token = issuer.IssueCredentials().RefreshToken;
        using var gate = issuer.HoldRefreshes();

        var racers = Enumerable.Range(0, 3).Select(_ => http.RefreshAsync(token)).ToArray();
        await issuer.WaitForRefreshRequestsAsync(3, IssuerHttp.Patience);
        issuer.RefreshRequestCount.Should().Be(3);
        racers.Should().OnlyContain(r => !r.IsCompleted);
        gate.Release();
        var responses = await Task.WhenAll(racers).WaitAsync(IssuerHttp.Patience);

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1);
        var losers = responses.Where(r => r.StatusCode != HttpStatusCode.OK).ToArray();
        losers.Should().HaveCount(2).And.OnlyContain(r => r.StatusCode == HttpStatusCode.Unauthorized);
        foreach (var loser in losers)
        {
            (await loser.ReadErrorCodeAsync()).Should().Be("refresh_token_reused");
        }

        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task HoldRefreshes_WhileClosed_ReturnsSameGateUntilReleased()
    {
        await using var issuer = await MockIssuer.StartAsync();

        var first = issuer.HoldRefreshes();
        var again = issuer.HoldRefreshes();
        first.Release();
        first.Release();
        using var next = issuer.HoldRefreshes();

        again.Should().BeSameAs(first);
        first.IsReleased.Should().BeTrue();
        next.Should().NotBeSameAs(first);
        next.IsReleased.Should().BeFalse();
    }

    [Fact]
    public async Task HoldRefreshes_GateReleased_LaterRequestsFlow()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        issuer.HoldRefreshes().Dispose();

        using var response = await http.RefreshAsync(issuer.IssueCredentials().RefreshToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WaitForRefreshRequestsAsync_AlreadyArrived_CompletesAtOnce()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        (await http.RefreshAsync("rt-a")).Dispose();
        (await http.RefreshAsync("rt-b")).Dispose();

        var wait = issuer.WaitForRefreshRequestsAsync(2, TimeSpan.Zero);

        wait.IsCompletedSuccessfully.Should().BeTrue();
        await wait;
    }

    [Fact]
    public async Task WaitForRefreshRequestsAsync_RequestArrivesLater_CompletesOnArrival()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);

        var wait = issuer.WaitForRefreshRequestsAsync(1, IssuerHttp.Patience);
        wait.IsCompleted.Should().BeFalse();
        (await http.RefreshAsync("rt-a")).Dispose();

        await wait;
        issuer.RefreshRequestCount.Should().Be(1);
    }

    [Fact]
    public async Task WaitForRefreshRequestsAsync_TooFewArrive_ThrowsTimeoutNamingTheCount()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        (await http.RefreshAsync("rt-a")).Dispose();

        var act = () => issuer.WaitForRefreshRequestsAsync(2, TimeSpan.FromMilliseconds(50));

        (await act.Should().ThrowAsync<TimeoutException>()).WithMessage("*2 refresh request(s)*only 1 arrived*");
    }

    [Fact]
    public async Task WaitForRefreshRequestsAsync_NonRefreshTraffic_DoesNotCount()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);

        (await http.ExchangeForApiKeyAsync(issuer.IssueCredentials().IdToken)).Dispose();

        issuer.RefreshRequestCount.Should().Be(0);
        issuer.RequestCount("/oauth/token").Should().Be(1);
    }
}
