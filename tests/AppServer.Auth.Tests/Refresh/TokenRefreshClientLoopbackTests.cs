using System.Diagnostics;
using AppServer.Auth.Refresh;
using AppServer.Auth.Tests.Refresh.Support;

namespace AppServer.Auth.Tests.Refresh;

/// <summary>
/// The client over real loopback sockets, so connection errors, timeouts and wire formats are
/// the ones SocketsHttpHandler really produces.
/// </summary>
public sealed class TokenRefreshClientLoopbackTests : IDisposable
{
    // Guards against a hang only; a passing test never waits this long.
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    private readonly HttpClient _httpClient = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly ObservableTimeProvider _clock = new();
    private readonly CapturingLogger _logger = new();

    public void Dispose() => _httpClient.Dispose();

    [Fact]
    public async Task RefreshAsync_RealUnauthorizedBody_IsPermanentAfterOneRequest()
    {
        // Arrange
        await using var server = LoopbackHttpServer.Start(static _ => new LoopbackResponse(
            401, """{"error":{"code":"refresh_token_expired","message":"Your refresh token has expired."}}"""));
        TokenRefreshClient client = CreateClient(RefreshTestOptions.Create(server.TokenEndpoint), _clock);

        // Act
        RefreshAttemptResult result = await client.RefreshAsync(RefreshTestOptions.RefreshToken, CancellationToken.None).WaitAsync(s_hangGuard);

        // Assert
        result.Error.Should().Be(new PermanentRefreshError(RefreshFailureKind.Expired, RefreshMessages.Expired));
        LoopbackRequest request = server.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("POST");
        request.Target.Should().Be("/oauth/token");
        request.Headers["Content-Type"].Should().Be("application/json");
        request.Headers["User-Agent"].Should().Be(RefreshTestOptions.UserAgent);
        request.Headers["originator"].Should().Be(RefreshTestOptions.Originator);
        request.Body.Should().Be(
            """{"client_id":"app_EMoamEEZ73f0CkXaXp7hrann","grant_type":"refresh_token","refresh_token":"rt_test_9f3c2a7d1b6e4058a1c3","refresh_reason":"forced"}""");
    }

    [Fact]
    public async Task RefreshAsync_RealSuccessBody_ReturnsTokens()
    {
        // Arrange
        await using var server = LoopbackHttpServer.Start(static _ => new LoopbackResponse(
            200, """{"id_token":"id-1","access_token":"at-1","refresh_token":"rt-1","expires_in":3600}"""));
        TokenRefreshClient client = CreateClient(RefreshTestOptions.Create(server.TokenEndpoint), _clock);

        // Act
        RefreshAttemptResult result = await client.RefreshAsync(RefreshTestOptions.RefreshToken, CancellationToken.None).WaitAsync(s_hangGuard);

        // Assert
        result.Tokens.Should().Be(new TokenResponse("id-1", "at-1", "rt-1"));
    }

    [Fact]
    public async Task RefreshAsync_UnauthorizedRecovery_SendsItsReasonOnTheWire()
    {
        // Arrange
        await using var server = LoopbackHttpServer.Start(static _ => new LoopbackResponse(
            200, """{"id_token":"id-1","access_token":"at-1","refresh_token":"rt-1","expires_in":3600}"""));
        TokenRefreshClient client = CreateClient(RefreshTestOptions.Create(server.TokenEndpoint), _clock);

        // Act
        RefreshAttemptResult result = await client.RefreshAsync(RefreshTestOptions.RefreshToken, RefreshReason.UnauthorizedRecovery, CancellationToken.None).WaitAsync(s_hangGuard);

        // Assert
        result.Tokens.Should().NotBeNull();
        server.Requests.Should().ContainSingle().Which.Body.Should().Be(
            """{"client_id":"app_EMoamEEZ73f0CkXaXp7hrann","grant_type":"refresh_token","refresh_token":"rt_test_9f3c2a7d1b6e4058a1c3","refresh_reason":"unauthorized_recovery"}""");
    }

    [Fact]
    public async Task RefreshAsync_RealTooManyRequestsWithLongRetryAfter_ReturnsTransientCarryingIt()
    {
        // Arrange
        await using var server = LoopbackHttpServer.Start(static _ => new LoopbackResponse(
            429, """{"error":{"message":"Rate limit reached"}}""", new Dictionary<string, string> { ["Retry-After"] = "30" }));
        TokenRefreshClient client = CreateClient(RefreshTestOptions.Create(server.TokenEndpoint), _clock);

        // Act
        RefreshAttemptResult result = await client.RefreshAsync(RefreshTestOptions.RefreshToken, CancellationToken.None).WaitAsync(s_hangGuard);

        // Assert
        server.Requests.Should().ContainSingle();
        result.Error.Should().Be(new TransientRefreshError("Failed to refresh token: 429: Rate limit reached", 429, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task RefreshAsync_ConnectionRefused_IsTransientAfterMaxAttempts()
    {
        // Arrange: jitter 0, so backoffs are zero and no fake time has to pass.
        TokenRefreshOptions options = RefreshTestOptions.Create(LoopbackHttpServer.RefusingEndpoint(), jitter: 0);
        TokenRefreshClient client = CreateClient(options, _clock);

        // Act
        RefreshAttemptResult result = await client.RefreshAsync(RefreshTestOptions.RefreshToken, CancellationToken.None).WaitAsync(s_hangGuard);

        // Assert
        result.Attempts.Should().Be(3);
        result.Error.Should().Be(new TransientRefreshError(
            "Failed to refresh token: could not connect to the token endpoint (ConnectionRefused)", null, null));
        _logger.Entries.Where(entry => entry.EventId.Id == 1).Should().HaveCount(3);
    }

    [Fact]
    public async Task RefreshAsync_ServerAcceptsAndNeverAnswers_EachAttemptEndsAtAttemptTimeout()
    {
        // Arrange: the one place real time passes, because a real socket is waiting.
        await using var server = LoopbackHttpServer.Start(static _ => null);
        TokenRefreshOptions options = RefreshTestOptions.Create(server.TokenEndpoint, jitter: 0) with
        {
            AttemptTimeout = TimeSpan.FromMilliseconds(200),
            MaxAttempts = 2,
        };
        TokenRefreshClient client = CreateClient(options, TimeProvider.System);
        var stopwatch = Stopwatch.StartNew();

        // Act
        RefreshAttemptResult result = await client.RefreshAsync(RefreshTestOptions.RefreshToken, CancellationToken.None).WaitAsync(s_hangGuard);
        stopwatch.Stop();

        // Assert
        result.Attempts.Should().Be(2);
        result.Error.Should().Be(new TransientRefreshError(
            "Failed to refresh token: the token endpoint did not answer within 0.2 s", null, null));
        stopwatch.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(350)).And.BeLessThan(TimeSpan.FromSeconds(10));

        // Not "2": when the first attempt times out while still connecting (a cold HTTP stack on
        // a busy machine), SocketsHttpHandler finishes that connect in the background and the
        // second attempt reuses it.
        await server.WaitForConnectionsAsync(1).WaitAsync(s_hangGuard);
        server.ConnectionCount.Should().BeInRange(1, 2);
    }

    private TokenRefreshClient CreateClient(TokenRefreshOptions options, TimeProvider clock) =>
        new(_httpClient, options, clock, _logger);
}
