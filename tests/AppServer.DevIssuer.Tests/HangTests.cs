using System.Net;
using AppServer.DevIssuer.Tests.Support;

namespace AppServer.DevIssuer.Tests;

public sealed class HangTests
{
    [Fact]
    public async Task Hang_IssuerDisposed_ClientSeesConnectionDrop()
    {
        var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        issuer.EnqueueTokenResponse(MockResponse.Hang());

        var pending = http.RefreshAsync("rt-any");
        await issuer.WaitForRefreshRequestsAsync(1, IssuerHttp.Patience);
        pending.IsCompleted.Should().BeFalse();
        await issuer.DisposeAsync().AsTask().WaitAsync(IssuerHttp.Patience);

        await FluentActions.Awaiting(() => pending.WaitAsync(IssuerHttp.Patience)).Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task Hang_ClientAborts_IssuerServesNextRequest()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        issuer.EnqueueTokenResponse(MockResponse.Hang());
        using var abort = new CancellationTokenSource();

        var pending = http.RefreshAsync("rt-any", abort.Token);
        await issuer.WaitForRefreshRequestsAsync(1, IssuerHttp.Patience);
        await abort.CancelAsync();

        await FluentActions.Awaiting(() => pending).Should().ThrowAsync<OperationCanceledException>();
        using var next = await http.RefreshAsync(issuer.IssueCredentials().RefreshToken);
        next.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
