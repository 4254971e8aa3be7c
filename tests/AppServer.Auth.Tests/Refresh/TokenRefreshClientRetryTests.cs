using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using AppServer.Auth.Refresh;
using AppServer.Auth.Tests.Refresh.Support;

namespace AppServer.Auth.Tests.Refresh;

public sealed class TokenRefreshClientRetryTests
{
    private readonly ObservableTimeProvider _clock = new();
    private readonly CapturingLogger _logger = new();
    private readonly TokenRefreshOptions _options = RefreshTestOptions.Create();

    [Fact]
    public async Task RefreshAsync_Unauthorized_SendsOneRequestAndFailsPermanently()
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(
            _clock, StubHttpHandler.Json(HttpStatusCode.Unauthorized, """{"error":{"code":"refresh_token_expired"}}"""));

        // Act
        RefreshAttemptResult result = await RunAsync(handler);

        // Assert
        handler.RequestCount.Should().Be(1);
        result.Attempts.Should().Be(1);
        result.Error.Should().Be(new PermanentRefreshError(RefreshFailureKind.Expired, RefreshMessages.Expired));
        _clock.Advances.Should().BeEmpty();
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"error":"invalid_grant"}""")]
    [InlineData(HttpStatusCode.BadRequest, """{"error":{"code":"refresh_token_reused"}}""")]
    [InlineData(HttpStatusCode.Unauthorized, "")]
    public async Task RefreshAsync_PermanentFailure_IsNeverRetried(HttpStatusCode status, string body)
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(_clock, StubHttpHandler.Json(status, body), StubHttpHandler.Tokens());

        // Act
        RefreshAttemptResult result = await RunAsync(handler);

        // Assert
        handler.RequestCount.Should().Be(1);
        result.Error.Should().BeOfType<PermanentRefreshError>();
    }

    [Fact]
    public async Task RefreshAsync_ServerErrorTwiceThenSuccess_SendsThreeRequestsAndSucceeds()
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(
            _clock,
            StubHttpHandler.Text(HttpStatusCode.InternalServerError, "oops"),
            StubHttpHandler.Text(HttpStatusCode.InternalServerError, "oops"),
            StubHttpHandler.Tokens("at-3", "rt-3"));

        // Act
        RefreshAttemptResult result = await RunAsync(handler);

        // Assert
        handler.RequestCount.Should().Be(3);
        result.Attempts.Should().Be(3);
        result.Tokens.Should().Be(new TokenResponse(null, "at-3", "rt-3"));
        Gaps(handler).Should().Equal(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task RefreshAsync_ServerErrorEveryTime_StopsAfterMaxAttempts()
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(
            _clock, StubHttpHandler.Json(HttpStatusCode.ServiceUnavailable, """{"error":{"message":"try later"}}"""));

        // Act
        RefreshAttemptResult result = await RunAsync(handler);

        // Assert
        handler.RequestCount.Should().Be(3);
        result.Attempts.Should().Be(3);
        result.Error.Should().Be(new TransientRefreshError("Failed to refresh token: 503: try later", 503, null));
        _logger.Entries.Where(entry => entry.EventId.Id == 1).Should().HaveCount(3);
    }

    [Fact]
    public async Task RefreshAsync_JitterSample_ScalesEveryBackoff()
    {
        // Arrange
        TokenRefreshOptions options = _options with { Jitter = static () => 0.5 };
        StubHttpHandler handler = StubHttpHandler.Sequence(_clock, StubHttpHandler.Text(HttpStatusCode.BadGateway, ""));

        // Act
        await RunAsync(handler, options);

        // Assert
        Gaps(handler).Should().Equal(TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task RefreshAsync_MaxAttemptsOne_NeverRetries()
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(_clock, StubHttpHandler.Text(HttpStatusCode.InternalServerError, ""));

        // Act
        RefreshAttemptResult result = await RunAsync(handler, _options with { MaxAttempts = 1 });

        // Assert
        handler.RequestCount.Should().Be(1);
        result.Error.Should().BeOfType<TransientRefreshError>();
    }

    [Fact]
    public async Task RefreshAsync_TooManyRequestsWithShortRetryAfter_WaitsThatLongThenRetries()
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(
            _clock, StubHttpHandler.Json(HttpStatusCode.TooManyRequests, "", retryAfter: "2"), StubHttpHandler.Tokens());

        // Act
        RefreshAttemptResult result = await RunAsync(handler);

        // Assert
        result.IsSuccess.Should().BeTrue();
        handler.RequestCount.Should().Be(2);
        Gaps(handler).Should().Equal(TimeSpan.FromSeconds(2));
        _clock.Advances.Should().Equal(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task RefreshAsync_TooManyRequestsWithLongRetryAfter_ReturnsAtOnceCarryingRetryAfter()
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(
            _clock, StubHttpHandler.Json(HttpStatusCode.TooManyRequests, "", retryAfter: "30"), StubHttpHandler.Tokens());

        // Act
        RefreshAttemptResult result = await RunAsync(handler);

        // Assert
        handler.RequestCount.Should().Be(1);
        result.Error.Should().Be(new TransientRefreshError("Failed to refresh token: 429: Unknown error", 429, TimeSpan.FromSeconds(30)));
        _clock.Advances.Should().BeEmpty();
    }

    [Fact]
    public async Task RefreshAsync_RetryAfterHttpDate_WaitsUntilThatDateOnTheClock()
    {
        // Arrange
        string date = _clock.GetUtcNow().AddSeconds(3).ToString("r", CultureInfo.InvariantCulture);
        StubHttpHandler handler = StubHttpHandler.Sequence(
            _clock, StubHttpHandler.Json(HttpStatusCode.ServiceUnavailable, "", retryAfter: date), StubHttpHandler.Tokens());

        // Act
        RefreshAttemptResult result = await RunAsync(handler);

        // Assert
        result.IsSuccess.Should().BeTrue();
        Gaps(handler).Should().Equal(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task RefreshAsync_RetryAfterHttpDateBeyondLimit_ReturnsAtOnceCarryingRemainingTime()
    {
        // Arrange
        string date = _clock.GetUtcNow().AddMinutes(10).ToString("r", CultureInfo.InvariantCulture);
        StubHttpHandler handler = StubHttpHandler.Sequence(
            _clock, StubHttpHandler.Json(HttpStatusCode.TooManyRequests, "", retryAfter: date));

        // Act
        RefreshAttemptResult result = await RunAsync(handler);

        // Assert
        handler.RequestCount.Should().Be(1);
        result.Error.Should().BeOfType<TransientRefreshError>().Which.RetryAfter.Should().Be(TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task RefreshAsync_TooManyRequestsWithoutRetryAfter_UsesBackoff()
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(
            _clock, StubHttpHandler.Json(HttpStatusCode.TooManyRequests, ""), StubHttpHandler.Tokens());

        // Act
        RefreshAttemptResult result = await RunAsync(handler);

        // Assert
        result.IsSuccess.Should().BeTrue();
        Gaps(handler).Should().Equal(TimeSpan.FromMilliseconds(500));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("<html><head><title>Hotel Wi-Fi</title></head><body>Sign in</body></html>")]
    [InlineData("""{"access_token":""}""")]
    [InlineData("""{"access_token":"   "}""")]
    [InlineData("""{"access_token":null,"refresh_token":"rt-x"}""")]
    [InlineData("""{"access_token":42}""")]
    [InlineData("""{"access_token":"at","refresh_token":7}""")]
    [InlineData("""{"id_token":"id","refresh_token":"rt"}""")]
    [InlineData("""{"access_token":"at""")]
    public async Task RefreshAsync_UnusableSuccessBody_IsRetriedThenTransient(string body)
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(_clock, StubHttpHandler.Text(HttpStatusCode.OK, body, "application/json"));

        // Act
        RefreshAttemptResult result = await RunAsync(handler);

        // Assert
        handler.RequestCount.Should().Be(3);
        result.Error.Should().Be(new TransientRefreshError(
            "Failed to refresh token: 200: token endpoint returned an unusable success body", 200, null));
    }

    [Fact]
    public async Task RefreshAsync_UnusableThenValidSuccessBody_Succeeds()
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(
            _clock, StubHttpHandler.Text(HttpStatusCode.OK, "{}", "application/json"), StubHttpHandler.Tokens("at-2"));

        // Act
        RefreshAttemptResult result = await RunAsync(handler);

        // Assert
        handler.RequestCount.Should().Be(2);
        result.Tokens!.AccessToken.Should().Be("at-2");
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"error":{"code":"invalid_request"}}""")]
    [InlineData(HttpStatusCode.Forbidden, """{"error":{"code":"unsupported_country_region_territory"}}""")]
    [InlineData(HttpStatusCode.NotFound, "")]
    public async Task RefreshAsync_TransientClientError_IsReturnedWithoutRetry(HttpStatusCode status, string body)
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(_clock, StubHttpHandler.Json(status, body), StubHttpHandler.Tokens());

        // Act
        RefreshAttemptResult result = await RunAsync(handler);

        // Assert
        handler.RequestCount.Should().Be(1);
        result.Error.Should().BeOfType<TransientRefreshError>().Which.StatusCode.Should().Be((int)status);
    }

    [Fact]
    public async Task RefreshAsync_RequestTimeoutStatus_IsRetried()
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(_clock, StubHttpHandler.Text(HttpStatusCode.RequestTimeout, ""), StubHttpHandler.Tokens());

        // Act
        RefreshAttemptResult result = await RunAsync(handler);

        // Assert
        result.IsSuccess.Should().BeTrue();
        handler.RequestCount.Should().Be(2);
    }

    [Fact]
    public async Task RefreshAsync_ConnectionRefusedEveryTime_RetriesThenFailsTransiently()
    {
        // Arrange
        var handler = new StubHttpHandler(_clock, static (_, _) => throw new HttpRequestException(
            HttpRequestError.ConnectionError,
            "Connection refused (auth.test:443)",
            new SocketException((int)SocketError.ConnectionRefused)));

        // Act
        RefreshAttemptResult result = await RunAsync(handler);

        // Assert
        handler.RequestCount.Should().Be(3);
        result.Error.Should().Be(new TransientRefreshError(
            "Failed to refresh token: could not connect to the token endpoint (ConnectionRefused)", null, null));
    }

    [Fact]
    public async Task RefreshAsync_HungEndpoint_EachAttemptEndsAtItsOwnTimeout()
    {
        // Arrange: backoff jitter 0, so the only timers are the attempt timeouts.
        TokenRefreshOptions options = _options with { Jitter = static () => 0 };
        var entered = Channel.CreateUnbounded<int>();
        var handler = new StubHttpHandler(_clock, async (_, cancellationToken) =>
        {
            entered.Writer.TryWrite(0);
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            throw new InvalidOperationException("unreachable");
        });
        TokenRefreshClient client = RefreshTestOptions.Client(handler, options, _clock, _logger);

        // Act
        Task<RefreshAttemptResult> refresh = client.RefreshAsync(RefreshTestOptions.RefreshToken, CancellationToken.None);
        for (int attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            await entered.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            refresh.IsCompleted.Should().BeFalse();
            _clock.Advance(options.AttemptTimeout);
        }

        RefreshAttemptResult result = await refresh.WaitAsync(TimeSpan.FromSeconds(30));

        // Assert
        handler.RequestCount.Should().Be(3);
        result.Error.Should().Be(new TransientRefreshError("Failed to refresh token: the token endpoint did not answer within 30 s", null, null));
    }

    [Fact]
    public async Task RefreshAsync_BodyNeverArrives_AttemptTimesOut()
    {
        // Arrange: headers arrive, the body never does (NET-05).
        TokenRefreshOptions options = _options with { MaxAttempts = 1 };
        var pipe = new Pipe();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new StubHttpHandler(_clock, (_, _) =>
        {
            entered.TrySetResult();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(pipe.Reader.AsStream()) });
        });
        TokenRefreshClient client = RefreshTestOptions.Client(handler, options, _clock, _logger);

        // Act
        Task<RefreshAttemptResult> refresh = client.RefreshAsync(RefreshTestOptions.RefreshToken, CancellationToken.None);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        _clock.Advance(options.AttemptTimeout);
        RefreshAttemptResult result = await refresh.WaitAsync(TimeSpan.FromSeconds(30));

        // Assert
        result.Error.Should().BeOfType<TransientRefreshError>().Which.StatusCode.Should().BeNull();
        await pipe.Writer.CompleteAsync();
    }

    [Fact]
    public async Task RefreshAsync_CallerCancelsDuringBackoff_ThrowsWithoutFurtherRequests()
    {
        // Arrange
        using var caller = new CancellationTokenSource();
        StubHttpHandler handler = StubHttpHandler.Sequence(_clock, StubHttpHandler.Text(HttpStatusCode.InternalServerError, ""));
        TokenRefreshClient client = RefreshTestOptions.Client(handler, _options, _clock, _logger);

        // Act: the stub answers synchronously, so the call is parked in its first backoff.
        Task<RefreshAttemptResult> refresh = client.RefreshAsync(RefreshTestOptions.RefreshToken, caller.Token);
        await caller.CancelAsync();
        Func<Task> act = () => refresh.WaitAsync(TimeSpan.FromSeconds(30));

        // Assert
        await act.Should().ThrowAsync<OperationCanceledException>();
        handler.RequestCount.Should().Be(1);
    }

    private async Task<RefreshAttemptResult> RunAsync(StubHttpHandler handler, TokenRefreshOptions? options = null)
    {
        options ??= _options;
        TokenRefreshClient client = RefreshTestOptions.Client(handler, options, _clock, _logger);
        return await _clock.DriveAsync(client.RefreshAsync(RefreshTestOptions.RefreshToken, CancellationToken.None), options.AttemptTimeout);
    }

    private static IEnumerable<TimeSpan> Gaps(StubHttpHandler handler)
    {
        IReadOnlyList<RecordedRequest> requests = handler.Requests;
        return requests.Zip(requests.Skip(1), (earlier, later) => later.At - earlier.At);
    }
}
