using AppServer.Auth.Revoke;
using AppServer.Auth.Tests.Refresh.Support;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Tests.Revoke;

/// <summary>The revoke over real loopback sockets: the exact request, and every way the endpoint can fail.</summary>
public sealed class TokenRevokerLoopbackTests : IDisposable
{
    private const string RefreshToken = "rt_revoke_5b1e9c0d7a2f4e61";

    // Guards against a hang only; a passing test never waits this long.
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    private readonly HttpClient _httpClient = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly CapturingLogger _logger = new();

    public void Dispose() => _httpClient.Dispose();

    [Fact]
    public async Task RevokeAsync_RefreshToken_PostsOnceTheExactCodexBody()
    {
        // Arrange
        await using var server = LoopbackHttpServer.Start(static _ => new LoopbackResponse(200, "{}"));
        var revoker = CreateRevoker(RevokeUri(server), TimeProvider.System);

        // Act
        var outcome = await revoker.RevokeAsync(new RevocableToken(RefreshToken, RevocableToken.RefreshTokenHint)).WaitAsync(s_hangGuard);

        // Assert
        outcome.Should().Be(new RevokeOutcome(true, "refresh_token", "HTTP 200"));
        var request = server.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("POST");
        request.Target.Should().Be("/oauth/revoke");
        request.Headers["Content-Type"].Should().Be("application/json");
        request.Headers["originator"].Should().Be("test_originator");
        request.Body.Should().Be("""{"token":"rt_revoke_5b1e9c0d7a2f4e61","token_type_hint":"refresh_token","client_id":"app_EMoamEEZ73f0CkXaXp7hrann"}""");
        _logger.Entries.Should().ContainSingle(e => e.Level == LogLevel.Information)
            .Which.Message.Should().Be($"Revoked the old refresh_token at 127.0.0.1:{RevokeUri(server).Port} (HTTP 200)");
    }

    [Fact]
    public async Task RevokeAsync_AccessToken_SendsNoClientId()
    {
        // Arrange
        await using var server = LoopbackHttpServer.Start(static _ => new LoopbackResponse(200, "{}"));
        var revoker = CreateRevoker(RevokeUri(server), TimeProvider.System);

        // Act
        await revoker.RevokeAsync(new RevocableToken("at-only", RevocableToken.AccessTokenHint)).WaitAsync(s_hangGuard);

        // Assert
        server.Requests.Should().ContainSingle().Which.Body.Should().Be("""{"token":"at-only","token_type_hint":"access_token"}""");
    }

    [Fact]
    public async Task RevokeAsync_ServerError_IsAFailedOutcomeLoggedWithoutTheToken()
    {
        // Arrange: the body even echoes the token back.
        await using var server = LoopbackHttpServer.Start(static _ => new LoopbackResponse(
            500, $$$"""{"error":{"message":"boom for {{{RefreshToken}}}"}}"""));
        var revoker = CreateRevoker(RevokeUri(server), TimeProvider.System);

        // Act
        var outcome = await revoker.RevokeAsync(new RevocableToken(RefreshToken, RevocableToken.RefreshTokenHint)).WaitAsync(s_hangGuard);

        // Assert
        outcome.Should().Be(new RevokeOutcome(false, "refresh_token", "HTTP 500: boom for [redacted]"));
        server.Requests.Should().ContainSingle();
        var warning = _logger.Entries.Should().ContainSingle(e => e.Level == LogLevel.Warning).Subject;
        warning.Message.Should().EndWith(": HTTP 500: boom for [redacted]; the local credentials are removed regardless");
        _logger.Entries.Should().AllSatisfy(e => e.AllText.Should().NotContain(RefreshToken));
    }

    [Fact]
    public async Task RevokeAsync_ConnectionRefused_IsAFailedOutcome()
    {
        // Arrange
        var refusing = new Uri(LoopbackHttpServer.RefusingEndpoint(), "/oauth/revoke");
        var revoker = CreateRevoker(refusing, TimeProvider.System);

        // Act
        var outcome = await revoker.RevokeAsync(new RevocableToken(RefreshToken, RevocableToken.RefreshTokenHint)).WaitAsync(s_hangGuard);

        // Assert
        outcome.Should().Be(new RevokeOutcome(false, "refresh_token", "network error (ConnectionError)"));
        _logger.Entries.Should().AllSatisfy(e => e.AllText.Should().NotContain(RefreshToken));
    }

    [Fact]
    public async Task RevokeAsync_ServerNeverAnswers_EndsWhenTheBoundPassesOnTheClock()
    {
        // Arrange: a fake clock; the bound fires when the test advances it, not after real seconds.
        await using var server = LoopbackHttpServer.Start(static _ => null);
        var clock = new ObservableTimeProvider();
        var revoker = CreateRevoker(RevokeUri(server), clock);

        // Act
        var revoking = revoker.RevokeAsync(new RevocableToken(RefreshToken, RevocableToken.RefreshTokenHint));
        await server.WaitForConnectionsAsync(1).WaitAsync(s_hangGuard);
        revoking.IsCompleted.Should().BeFalse();
        clock.Advance(TimeSpan.FromSeconds(10));
        var outcome = await revoking.WaitAsync(s_hangGuard);

        // Assert
        outcome.Should().Be(new RevokeOutcome(false, "refresh_token", "no answer within 10 s"));
    }

    [Fact]
    public async Task RevokeAsync_EndpointOverrideInvalid_FailsWithoutARequest()
    {
        var revoker = new TokenRevoker(
            _httpClient,
            new RevokeOptions { Endpoint = static () => throw new InvalidOperationException("CODEX_REVOKE_TOKEN_URL_OVERRIDE is set but is not an absolute http(s) URL.") },
            TimeProvider.System,
            _logger);

        var outcome = await revoker.RevokeAsync(new RevocableToken(RefreshToken, RevocableToken.RefreshTokenHint)).WaitAsync(s_hangGuard);

        outcome.Revoked.Should().BeFalse();
        outcome.Detail.Should().Be("CODEX_REVOKE_TOKEN_URL_OVERRIDE is set but is not an absolute http(s) URL.");
    }

    private static Uri RevokeUri(LoopbackHttpServer server) => new(server.TokenEndpoint, "/oauth/revoke");

    private TokenRevoker CreateRevoker(Uri endpoint, TimeProvider clock) =>
        new(_httpClient, new RevokeOptions { Endpoint = () => endpoint, Originator = static () => "test_originator", UserAgent = static () => "test_ua" }, clock, _logger);
}
