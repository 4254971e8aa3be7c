using System.Net;
using System.Text.Json.Nodes;
using AppServer.DevIssuer.Http;
using AppServer.DevIssuer.Tests.Support;

namespace AppServer.DevIssuer.Tests;

public sealed class ScriptedResponseTests
{
    [Fact]
    public async Task EnqueueTokenResponse_ThreeScripts_PlayInOrderThenRotationResumes()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        var issued = issuer.IssueCredentials();
        issuer.EnqueueTokenResponse(MockResponse.Json(503, """{"error":{"message":"down"}}"""));
        issuer.EnqueueTokenResponse(MockResponse.RefreshError(401, "refresh_token_expired"));
        issuer.EnqueueTokenResponse(MockResponse.Html(200));

        using var first = await http.RefreshAsync(issued.RefreshToken);
        using var second = await http.RefreshAsync(issued.RefreshToken);
        using var third = await http.RefreshAsync(issued.RefreshToken);
        using var fourth = await http.RefreshAsync(issued.RefreshToken);

        first.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        second.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await second.Content.ReadAsStringAsync()).Should().Be("""{"error":{"code":"refresh_token_expired"}}""");
        third.StatusCode.Should().Be(HttpStatusCode.OK);
        third.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        // Scripts never spend the grant, so the same token still rotates once they run out.
        fourth.StatusCode.Should().Be(HttpStatusCode.OK);
        (await fourth.ReadJsonAsync()).Should().ContainKey("refresh_token");
        issuer.RefreshRequestCount.Should().Be(4);
    }

    [Fact]
    public async Task EnqueueTokenResponse_RateLimited_SendsRetryAfterDeltaSeconds()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        issuer.EnqueueTokenResponse(MockResponse.RateLimited(30));

        using var response = await http.RefreshAsync("rt-any");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task EnqueueTokenResponse_RetryAfterHttpDate_SendsDate()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        var when = new DateTimeOffset(2026, 3, 1, 12, 0, 30, TimeSpan.Zero);
        issuer.EnqueueTokenResponse(MockResponse.RefreshError(429, "rate_limit_exceeded").WithHeader("Retry-After", when.ToString("R")));

        using var response = await http.RefreshAsync("rt-any");

        response.Headers.RetryAfter!.Date.Should().Be(when);
    }

    [Fact]
    public async Task EnqueueTokenResponse_Abort_ResetsConnection()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        issuer.EnqueueTokenResponse(MockResponse.Abort());

        var act = () => http.RefreshAsync("rt-any");

        await act.Should().ThrowAsync<HttpRequestException>();
        issuer.RefreshRequestCount.Should().Be(1);
    }

    [Fact]
    public async Task EnqueueTokenResponse_HangAfterHeaders_BodyNeverArrivesBeforeDisposal()
    {
        var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        issuer.EnqueueTokenResponse(MockResponse.HangAfterHeaders(200));
        using var request = new HttpRequestMessage(HttpMethod.Post, IssuerPaths.Token)
        {
            Content = new StringContent("""{"client_id":"x","grant_type":"refresh_token","refresh_token":"rt"}"""),
        };

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var body = response.Content.ReadAsStringAsync();
        body.IsCompleted.Should().BeFalse();
        await issuer.DisposeAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        await FluentActions.Awaiting(() => body.WaitAsync(IssuerHttp.Patience)).Should().ThrowAsync<Exception>()
            .Where(e => e is HttpRequestException || e is IOException);
    }

    [Fact]
    public async Task EnqueueResponse_DeviceUserCode_ScriptedOnceThenDefault()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        issuer.EnqueueResponse(IssuerEndpoint.DeviceUserCode, MockResponse.Empty(404));
        var body = new JsonObject { ["client_id"] = MockIssuerOptions.CodexClientId };

        using var first = await http.PostJsonAsync(IssuerPaths.DeviceUserCode, body.DeepClone().AsObject());
        using var second = await http.PostJsonAsync(IssuerPaths.DeviceUserCode, body);

        first.StatusCode.Should().Be(HttpStatusCode.NotFound);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        issuer.RefreshRequestCount.Should().Be(0);
    }
}
