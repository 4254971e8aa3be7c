using System.Net;
using System.Text.Json.Nodes;
using AppServer.DevIssuer.Tests.Support;

namespace AppServer.DevIssuer.Tests;

public sealed class AdminApiTests
{
    [Fact]
    public async Task AdminMode_Permanent_RefreshGets401WithCodeAndStatsShowMode()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);

        using var set = await http.PostJsonAsync("/__admin/mode", new JsonObject { ["mode"] = "permanent", ["code"] = "refresh_token_reused" });
        using var refresh = await http.RefreshAsync(issuer.IssueCredentials().RefreshToken);
        using var stats = await http.GetAsync("/__admin/stats");

        set.StatusCode.Should().Be(HttpStatusCode.OK);
        (await refresh.ReadErrorCodeAsync()).Should().Be("refresh_token_reused");
        ((string?)(await stats.ReadJsonAsync())["mode"]).Should().Be("permanent");
        issuer.CurrentRefreshMode.Mode.Should().Be(RefreshMode.PermanentFailure);
    }

    [Fact]
    public async Task AdminMode_RateLimitedAndSlowKnobs_Applied()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);

        (await http.PostJsonAsync("/__admin/mode", new JsonObject { ["mode"] = "rate_limited", ["retryAfterSeconds"] = 12 })).Dispose();
        using var limited = await http.RefreshAsync("rt-any");
        using var slow = await http.PostJsonAsync("/__admin/mode", new JsonObject { ["mode"] = "slow", ["delayMs"] = 1 });

        limited.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(12));
        ((long)(await slow.ReadJsonAsync())["delayMs"]!).Should().Be(1);
        issuer.CurrentRefreshMode.Delay.Should().Be(TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task AdminMode_UnknownMode_Returns400AndKeepsMode()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);

        using var response = await http.PostJsonAsync("/__admin/mode", new JsonObject { ["mode"] = "chaos" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        issuer.CurrentRefreshMode.Should().Be(RefreshModeSettings.Default);
    }

    [Fact]
    public async Task AdminStats_AfterTraffic_CountsRefreshesAndPathsButNotAdminCalls()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        (await http.RefreshAsync("rt-a")).Dispose();
        (await http.RefreshAsync("rt-b")).Dispose();
        (await http.GetAsync("/nowhere")).Dispose();
        (await http.GetAsync("/__admin/stats")).Dispose();

        using var response = await http.GetAsync("/__admin/stats");

        var stats = await response.ReadJsonAsync();
        ((int)stats["refreshRequests"]!).Should().Be(2);
        stats["requestsByPath"]!.ToJsonString().Should().Be("""{"/nowhere":1,"/oauth/token":2}""");
        ((bool)stats["held"]!).Should().BeFalse();
    }

    [Fact]
    public async Task AdminCredentials_Posted_ReturnLiveTokensForTheIdentity()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);

        using var response = await http.PostJsonAsync(
            "/__admin/credentials",
            new JsonObject { ["email"] = "cli@example.com", ["plan"] = null, ["accountId"] = "acct_cli", ["accessTokenExpired"] = true });

        var file = await response.ReadJsonAsync();
        var issued = file["tokens"]!.AsObject();
        ((string?)file["auth_mode"]).Should().Be("chatgpt");
        ((string?)issued["account_id"]).Should().Be("acct_cli");
        JwtPayload.AuthClaims((string)issued["id_token"]!).Should().NotContainKey("chatgpt_plan_type");
        JwtPayload.Expiry((string)issued["access_token"]!).Should().BeBefore(DateTimeOffset.UtcNow);
        using var refresh = await http.RefreshAsync((string)issued["refresh_token"]!);
        refresh.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AdminHoldAndRelease_RefreshWaitsForRelease()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        using var admin = IssuerHttp.ClientFor(issuer);
        (await admin.PostAsync("/__admin/hold", null)).Dispose();

        var pending = http.RefreshAsync(issuer.IssueCredentials().RefreshToken);
        await issuer.WaitForRefreshRequestsAsync(1, IssuerHttp.Patience);
        pending.IsCompleted.Should().BeFalse();
        using var release = await admin.PostAsync("/__admin/release", null);

        using var response = await pending.WaitAsync(IssuerHttp.Patience);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ((bool)(await release.ReadJsonAsync())["held"]!).Should().BeFalse();
    }
}
