using System.Net;
using AppServer.DevIssuer.Tests.Support;

namespace AppServer.DevIssuer.Tests;

public sealed class RefreshRotationTests
{
    [Fact]
    public async Task Refresh_UnusedToken_RotatesToFreshTokens()
    {
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        await using var issuer = await MockIssuer.StartAsync(new MockIssuerOptions
        {
            TimeProvider = new FixedClock(now),
            AccessTokenLifetime = TimeSpan.FromMinutes(30),
        });
        using var http = IssuerHttp.ClientFor(issuer);
        var issued = issuer.IssueCredentials(email: "dev@example.com", plan: "plus", accountId: "acct_9", userId: "user-9");

        using var response = await http.RefreshAsync(issued.RefreshToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        body.Select(p => p.Key).Should().BeEquivalentTo("id_token", "access_token", "refresh_token");
        var refreshToken = (string)body["refresh_token"]!;
        refreshToken.Should().StartWith("rt-").And.NotBe(issued.RefreshToken);
        var accessToken = (string)body["access_token"]!;
        JwtPayload.Expiry(accessToken).Should().Be(now.AddMinutes(30));
        ((string?)JwtPayload.AuthClaims(accessToken)["chatgpt_account_id"]).Should().Be("acct_9");
        ((string?)JwtPayload.Decode((string)body["id_token"]!)["email"]).Should().Be("dev@example.com");
    }

    [Fact]
    public async Task Refresh_SpentToken_Returns401RefreshTokenReused()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        var issued = issuer.IssueCredentials();
        (await http.RefreshAsync(issued.RefreshToken)).Dispose();

        using var second = await http.RefreshAsync(issued.RefreshToken);

        second.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await second.ReadErrorCodeAsync()).Should().Be("refresh_token_reused");
    }

    [Fact]
    public async Task Refresh_SuccessorToken_RotatesAgain()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        using var first = await http.RefreshAsync(issuer.IssueCredentials().RefreshToken);
        var successor = (string)(await first.ReadJsonAsync())["refresh_token"]!;

        using var second = await http.RefreshAsync(successor);

        second.StatusCode.Should().Be(HttpStatusCode.OK);
        issuer.RefreshRequestCount.Should().Be(2);
    }

    [Fact]
    public async Task Refresh_UnknownToken_Returns401RefreshTokenInvalidated()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);

        using var response = await http.RefreshAsync("rt-never-issued");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.ReadErrorCodeAsync()).Should().Be("refresh_token_invalidated");
    }

    [Fact]
    public async Task Refresh_WrongClientId_Returns401InvalidClientAndKeepsToken()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        var issued = issuer.IssueCredentials();

        using var rejected = await http.RefreshAsync(issued.RefreshToken, clientId: "app_wrong");
        using var retried = await http.RefreshAsync(issued.RefreshToken);

        rejected.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await rejected.ReadErrorCodeAsync()).Should().Be("invalid_client");
        retried.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task IssueCredentials_AccessTokenExpired_MintsPastExpiry()
    {
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        await using var issuer = await MockIssuer.StartAsync(new MockIssuerOptions { TimeProvider = new FixedClock(now) });

        var issued = issuer.IssueCredentials(accessTokenExpired: true);

        JwtPayload.Expiry(issued.AccessToken).Should().BeBefore(now);
        issued.AccountId.Should().Be("acct_123");
        issued.RefreshToken.Should().StartWith("rt-");
    }
}
