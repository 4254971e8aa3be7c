using System.Net;
using System.Net.Sockets;
using AppServer.Auth.Refresh;
using AppServer.Auth.Tests.Refresh.Support;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Tests.Refresh;

public sealed class TokenRefreshClientLoggingTests
{
    // Distinctive enough that a partial echo would still be visible in a failure message.
    public const string Secret = "rt_LEAK_CANARY_3b8f0e6a2c4d4e19";

    private readonly ObservableTimeProvider _clock = new();
    private readonly CapturingLogger _logger = new();

    /// <summary>Servers that echo the submitted token back in every way an error body can.</summary>
    public static TheoryData<string, int, string> EchoingServers => new()
    {
        { "401 unknown code, token in message", 401, $$$"""{"error":{"code":"nope","message":"token {{{Secret}}} unknown"}}""" },
        { "401 expired, token in message", 401, $$$"""{"error":{"code":"refresh_token_expired","message":"{{{Secret}}}"}}""" },
        { "400 app error", 400, $$$"""{"error":{"message":"Invalid 'refresh_token': {{{Secret}}}","type":"invalid_request_error"}}""" },
        { "400 OAuth error", 400, $$$"""{"error":"invalid_request","error_description":"bad {{{Secret}}}"}""" },
        { "403 WAF page", 403, $"<html>blocked request with body refresh_token={Secret}</html>" },
        { "429 JSON-escaped echo in error.message", 429, """{"error":{"message":"slow down \u0072t_LEAK_CANARY_3b8f0e6a2c4d4e19"}}""" },
        { "500 raw echo", 500, $"Internal error while processing {Secret}\r\nstack: ..." },
        { "502 long echo", 502, new string('x', 180) + Secret + new string('y', 400) },
    };

    [Theory]
    [MemberData(nameof(EchoingServers))]
    public async Task RefreshAsync_ServerEchoesToken_TokenAppearsInNoMessageOrLogLine(string scenario, int status, string body)
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(_clock, StubHttpHandler.Text((HttpStatusCode)status, body));
        TokenRefreshOptions options = RefreshTestOptions.Create();
        TokenRefreshClient client = RefreshTestOptions.Client(handler, options, _clock, _logger);

        // Act
        RefreshAttemptResult result = await _clock.DriveAsync(client.RefreshAsync(Secret, CancellationToken.None), options.AttemptTimeout);

        // Assert
        handler.Requests.Should().AllSatisfy(request => request.Body.Should().Contain(Secret), because: "the token is only ever sent in the body");
        result.Error!.Message.Should().NotContain("LEAK_CANARY", because: scenario);
        result.Error.ToString().Should().NotContain("LEAK_CANARY", because: scenario);
        _logger.Entries.Should().NotBeEmpty();
        _logger.Entries.Should().AllSatisfy(entry => entry.AllText.Should().NotContain("LEAK_CANARY", because: scenario));
    }

    [Fact]
    public async Task RefreshAsync_NetworkErrorTextContainsToken_TokenAppearsNowhere()
    {
        // Arrange
        var handler = new StubHttpHandler(_clock, static (_, _) => throw new HttpRequestException(
            HttpRequestError.ConnectionError, $"refused while sending {Secret}", new SocketException((int)SocketError.ConnectionRefused)));
        TokenRefreshOptions options = RefreshTestOptions.Create();
        TokenRefreshClient client = RefreshTestOptions.Client(handler, options, _clock, _logger);

        // Act
        RefreshAttemptResult result = await _clock.DriveAsync(client.RefreshAsync(Secret, CancellationToken.None), options.AttemptTimeout);

        // Assert
        result.Error!.Message.Should().NotContain("LEAK_CANARY");
        _logger.Entries.Should().HaveCount(3).And.AllSatisfy(entry => entry.AllText.Should().NotContain("LEAK_CANARY"));
    }

    [Fact]
    public async Task RefreshAsync_SuccessfulRefresh_LogsNothing()
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(_clock, StubHttpHandler.Tokens("at-secret", "rt-secret"));
        TokenRefreshClient client = RefreshTestOptions.Client(handler, RefreshTestOptions.Create(), _clock, _logger);

        // Act
        await client.RefreshAsync(Secret, CancellationToken.None);

        // Assert
        _logger.Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task RefreshAsync_UnknownUnauthorized_LogsUpstreamWarningOnce()
    {
        // Act
        await RefreshOnceAsync(HttpStatusCode.Unauthorized, """{"error":{"code":"something_else"}}""");

        // Assert
        LogEntry entry = _logger.Entries.Should().ContainSingle().Subject;
        entry.Level.Should().Be(LogLevel.Warning);
        entry.Message.Should().Be("Encountered unknown 401 response while refreshing token");
    }

    [Fact]
    public async Task RefreshAsync_KnownPermanentFailure_LogsReasonOnce()
    {
        // Act
        await RefreshOnceAsync(HttpStatusCode.BadRequest, """{"error":{"code":"refresh_token_reused"}}""");

        // Assert
        LogEntry entry = _logger.Entries.Should().ContainSingle().Subject;
        entry.Level.Should().Be(LogLevel.Warning);
        entry.Message.Should().Be("Token refresh failed permanently on attempt 1: Exhausted (status 400)");
    }

    [Fact]
    public async Task RefreshAsync_TransientFailures_LogEachAttemptOnceWithStatusAndNumber()
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(
            _clock, StubHttpHandler.Text(HttpStatusCode.BadGateway, "bad gateway"), StubHttpHandler.Tokens());
        TokenRefreshOptions options = RefreshTestOptions.Create();
        TokenRefreshClient client = RefreshTestOptions.Client(handler, options, _clock, _logger);

        // Act
        await _clock.DriveAsync(client.RefreshAsync(Secret, CancellationToken.None), options.AttemptTimeout);

        // Assert
        LogEntry entry = _logger.Entries.Should().ContainSingle().Subject;
        entry.Level.Should().Be(LogLevel.Warning);
        entry.Message.Should().Be(
            "Token refresh attempt 1 of 3 failed: Failed to refresh token: 502: bad gateway");
    }

    [Fact]
    public async Task RefreshAsync_LongRetryAfter_LogsAttemptAndHandOff()
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(_clock, StubHttpHandler.Json(HttpStatusCode.TooManyRequests, "", retryAfter: "60"));
        TokenRefreshClient client = RefreshTestOptions.Client(handler, RefreshTestOptions.Create(), _clock, _logger);

        // Act
        await client.RefreshAsync(Secret, CancellationToken.None);

        // Assert
        _logger.Entries.Select(entry => entry.EventId.Id).Should().Equal(1, 6);
    }

    private async Task RefreshOnceAsync(HttpStatusCode status, string body)
    {
        StubHttpHandler handler = StubHttpHandler.Sequence(_clock, StubHttpHandler.Json(status, body));
        TokenRefreshClient client = RefreshTestOptions.Client(handler, RefreshTestOptions.Create(), _clock, _logger);
        await client.RefreshAsync(Secret, CancellationToken.None);
        handler.RequestCount.Should().Be(1);
    }
}
