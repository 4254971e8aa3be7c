using AppServer.DevIssuer.Tests.Support;

namespace AppServer.DevIssuer.Tests;

public sealed class ObservationTests
{
    [Fact]
    public async Task Requests_AfterRefresh_RecordMethodPathHeadersBodyAndArrival()
    {
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        await using var issuer = await MockIssuer.StartAsync(new MockIssuerOptions { TimeProvider = new FixedClock(now) });
        using var http = IssuerHttp.ClientFor(issuer);
        http.DefaultRequestHeaders.Add("originator", "codex_cli_rs");

        (await http.RefreshAsync("rt-recorded")).Dispose();

        var recorded = issuer.Requests.Should().ContainSingle().Subject;
        recorded.Method.Should().Be("POST");
        recorded.Path.Should().Be("/oauth/token");
        recorded.Headers["Originator"].Should().Be("codex_cli_rs");
        recorded.Headers["content-type"].Should().StartWith("application/json");
        recorded.Body.Should().Be("""{"client_id":"app_EMoamEEZ73f0CkXaXp7hrann","grant_type":"refresh_token","refresh_token":"rt-recorded"}""");
        recorded.ArrivedAt.Should().Be(now);
    }

    [Fact]
    public async Task RequestsByPath_MixedTraffic_CountsEachPath()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);

        (await http.RefreshAsync("rt-a")).Dispose();
        (await http.ExchangeForApiKeyAsync(issuer.IssueCredentials().IdToken)).Dispose();
        (await http.GetAsync("/oauth/authorize")).Dispose();

        issuer.RequestsByPath.Should().BeEquivalentTo(new Dictionary<string, int> { ["/oauth/token"] = 2, ["/oauth/authorize"] = 1 });
        issuer.RequestCount("/oauth/token").Should().Be(2);
        issuer.RequestCount("/elsewhere").Should().Be(0);
        issuer.RefreshRequestCount.Should().Be(1);
    }
}
