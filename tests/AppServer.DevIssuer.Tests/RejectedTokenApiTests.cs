using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AppServer.DevIssuer.Http;
using AppServer.DevIssuer.Tests.Support;

namespace AppServer.DevIssuer.Tests;

/// <summary><c>GET /v1/me</c> answers 401 to tokens marked rejected, and refreshes accept Codex's <c>refresh_reason</c>.</summary>
public sealed class RejectedTokenApiTests
{
    [Fact]
    public async Task Me_LiveToken_IsAccepted()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);

        using var response = await GetMeAsync(http, issuer.IssueCredentials().AccessToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Me_TokenRejectedThroughAdmin_Gets401InvalidTokenAndOthersStillPass()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        var rejected = issuer.IssueCredentials().AccessToken;
        var other = issuer.IssueCredentials(userId: "user-other").AccessToken;

        using var mark = await http.PostJsonAsync("/__admin/reject", new JsonObject { ["token"] = rejected });
        using var refused = await GetMeAsync(http, rejected);
        using var accepted = await GetMeAsync(http, other);

        mark.StatusCode.Should().Be(HttpStatusCode.OK);
        ((int)(await mark.ReadJsonAsync())["rejected"]!).Should().Be(1);
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await refused.ReadErrorCodeAsync()).Should().Be("invalid_token");
        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Me_NoBearer_Gets401()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);

        using var response = await http.GetAsync(IssuerPaths.Me);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AdminReject_WithoutToken_IsBadRequest()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);

        using var response = await http.PostJsonAsync("/__admin/reject", new JsonObject());

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("forced")]
    [InlineData("proactive_expiry")]
    [InlineData("unauthorized_recovery")]
    public async Task Refresh_WithKnownRefreshReason_RotatesAndIsCounted(string reason)
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);

        using var response = await RefreshWithReasonAsync(http, issuer.IssueCredentials().RefreshToken, reason);
        using var stats = await http.GetAsync("/__admin/stats");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        issuer.RefreshReasonCount(reason).Should().Be(1);
        ((int)(await stats.ReadJsonAsync())["refreshReasons"]![reason]!).Should().Be(1);
    }

    [Fact]
    public async Task Refresh_WithUnknownRefreshReason_IsInvalidRequest()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);

        using var response = await RefreshWithReasonAsync(http, issuer.IssueCredentials().RefreshToken, "because");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadErrorCodeAsync()).Should().Be("invalid_request");
    }

    private static Task<HttpResponseMessage> GetMeAsync(HttpClient http, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, IssuerPaths.Me);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }

    private static Task<HttpResponseMessage> RefreshWithReasonAsync(HttpClient http, string refreshToken, string reason) =>
        http.PostJsonAsync(IssuerPaths.Token, new JsonObject
        {
            ["client_id"] = MockIssuerOptions.CodexClientId,
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["refresh_reason"] = reason,
        });
}
