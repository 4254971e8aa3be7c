using System.Diagnostics;
using System.Net;
using AppServer.DevIssuer.Tests.Support;

namespace AppServer.DevIssuer.Tests;

public sealed class RefreshModeTests
{
    [Theory]
    [InlineData(null, "refresh_token_expired")]
    [InlineData("refresh_token_reused", "refresh_token_reused")]
    public async Task SetRefreshMode_PermanentFailure_Returns401WithCode(string? configured, string expected)
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        issuer.SetRefreshMode(RefreshMode.PermanentFailure, errorCode: configured);

        using var response = await http.RefreshAsync(issuer.IssueCredentials().RefreshToken);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.ReadErrorCodeAsync()).Should().Be(expected);
    }

    [Fact]
    public async Task SetRefreshMode_Transient_Returns503()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        issuer.SetRefreshMode(RefreshMode.Transient);

        using var response = await http.RefreshAsync(issuer.IssueCredentials().RefreshToken);

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task SetRefreshMode_RateLimited_Returns429WithRetryAfter()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        issuer.SetRefreshMode(RefreshMode.RateLimited, retryAfterSeconds: 7);

        using var response = await http.RefreshAsync(issuer.IssueCredentials().RefreshToken);

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task SetRefreshMode_Slow_DelaysThenRotates()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        issuer.SetRefreshMode(RefreshMode.Slow, delay: TimeSpan.FromMilliseconds(100));
        var clock = Stopwatch.StartNew();

        using var response = await http.RefreshAsync(issuer.IssueCredentials().RefreshToken);

        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(90));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.ReadJsonAsync()).Should().ContainKey("access_token");
    }

    [Fact]
    public async Task SetRefreshMode_BackToRotate_SpendsTokensAgain()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        var token = issuer.IssueCredentials().RefreshToken;
        issuer.SetRefreshMode(RefreshMode.Transient);
        (await http.RefreshAsync(token)).Dispose();
        issuer.SetRefreshMode(RefreshMode.Rotate);

        using var response = await http.RefreshAsync(token);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        issuer.CurrentRefreshMode.Should().Be(RefreshModeSettings.Default);
    }

    [Fact]
    public async Task SetRefreshMode_ScriptQueued_ScriptWinsOverMode()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        issuer.SetRefreshMode(RefreshMode.Transient);
        issuer.EnqueueTokenResponse(MockResponse.Json(200, "{}"));

        using var scripted = await http.RefreshAsync("rt-any");
        using var moded = await http.RefreshAsync("rt-any");

        scripted.StatusCode.Should().Be(HttpStatusCode.OK);
        moded.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }
}
