using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AppServer.DevIssuer;
using AppServer.IntegrationTests.Stores;
using AppServer.Testing;
using Xunit.Abstractions;

namespace AppServer.IntegrationTests.CrossProcess;

/// <summary>
/// Two IDE windows (two real servers on one CODEX_HOME): a token the API refused is refreshed once
/// machine-wide, and a permanent failure found by one window reaches the other's clients unasked.
/// </summary>
[Trait("Requires", "Linux")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RejectedTokenAcrossProcessesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string HealthChanged = "account/authHealth/changed";

    private static readonly HttpClient s_api = new() { Timeout = TimeSpan.FromSeconds(10) };

    private MultiServerFixture _fixture = null!;

    private MockIssuer Issuer => _fixture.Issuer;

    public async Task InitializeAsync()
    {
        _fixture = await MultiServerFixture.CreateAsync();
        await _fixture.UseStoreAsync(ProcessStore.File);
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task RejectedToken_ReportedInWindowA_OnePostInAllAndWindowBAdoptsWithoutPosting()
    {
        var credentials = Issuer.IssueCredentials();
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow));
        var servers = await _fixture.StartServersAsync(2);
        var (windowA, windowB) = (servers[0], servers[1]);
        var first = await TokenAsync(windowA, new { includeToken = true });
        (await CallApiAsync(first)).Should().Be(HttpStatusCode.OK);

        // The API starts refusing the token; window A's client reports it.
        Issuer.RejectAccessToken(first);
        (await CallApiAsync(first)).Should().Be(HttpStatusCode.Unauthorized);
        var renewed = await TokenAsync(windowA, new { includeToken = true, rejectedAuthToken = first });
        var postsAfterA = Issuer.RefreshRequestCount;

        // Window B's client had the same token and got the same 401.
        var fromB = await TokenAsync(windowB, new { includeToken = true, rejectedAuthToken = first });
        var nextStatusB = await TokenAsync(windowB, new { includeToken = true });

        renewed.Should().NotBe(first);
        (await CallApiAsync(renewed)).Should().Be(HttpStatusCode.OK);
        postsAfterA.Should().Be(1);
        fromB.Should().Be(renewed);
        nextStatusB.Should().Be(renewed);
        Issuer.RefreshRequestCount.Should().Be(1, "window B adopts the rotation window A wrote");
        Issuer.RefreshReasonCount("unauthorized_recovery").Should().Be(1);
        windowA.Stderr.Should().NotContain(first);
        windowB.Stderr.Should().NotContain(first);
    }

    [Fact]
    public async Task PermanentFailureInWindowA_ReachesWindowBAsHealthChangedWithoutARequest()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(Issuer.IssueCredentials(), DateTimeOffset.UtcNow));
        var servers = await _fixture.StartServersAsync(2);
        var (windowA, windowB) = (servers[0], servers[1]);
        // Both windows have loaded the credentials before anything fails.
        await windowB.Client.CallAsync("account/authHealth/read");
        Issuer.SetRefreshMode(RefreshMode.PermanentFailure, "refresh_token_expired");

        var status = await windowA.Client.CallAsync("getAuthStatus", new { includeToken = true, refreshToken = true });
        var failedAt = Stopwatch.StartNew();
        var pushed = await NextHealthAsync(windowB);
        var elapsed = failedAt.Elapsed;
        var readB = await windowB.Client.CallAsync("account/authHealth/read");
        var statusB = await windowB.Client.CallAsync("getAuthStatus", new { includeToken = true, refreshToken = true });

        output.WriteLine($"window B heard of the failure {elapsed.TotalMilliseconds:0} ms after window A answered");
        status["refreshFailure"]!["reason"]!.GetValue<string>().Should().Be("expired");
        pushed["params"]!["state"]!.GetValue<string>().Should().Be("needsLogin");
        pushed["params"]!["reason"]!.GetValue<string>().Should().Be("expired");
        // The documented bound is the 2 s stat poll when file-system events are missing; ten times it
        // only proves the push does not depend on a request.
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20));
        readB["state"]!.GetValue<string>().Should().Be("needsLogin");
        statusB["authToken"].Should().BeNull();
        Issuer.RefreshRequestCount.Should().Be(1);
    }

    private static async Task<string> TokenAsync(Infrastructure.ServerProcess server, object parameters) =>
        (await server.Client.CallAsync("getAuthStatus", parameters))["authToken"]!.GetValue<string>();

    private async Task<HttpStatusCode> CallApiAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Issuer.ApiEndpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await s_api.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<JsonObject> NextHealthAsync(Infrastructure.ServerProcess server)
    {
        while (true)
        {
            var notification = await server.Client.NextNotificationAsync();
            if (notification["method"]!.GetValue<string>() == HealthChanged)
            {
                return notification;
            }
        }
    }
}
