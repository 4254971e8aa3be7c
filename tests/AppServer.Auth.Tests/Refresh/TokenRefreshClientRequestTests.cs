using System.Net;
using System.Text.Json;
using AppServer.Auth.Refresh;
using AppServer.Auth.Tests.Refresh.Support;

namespace AppServer.Auth.Tests.Refresh;

public sealed class TokenRefreshClientRequestTests
{
    private readonly ObservableTimeProvider _clock = new();
    private readonly CapturingLogger _logger = new();

    [Fact]
    public async Task RefreshAsync_Always_PostsExactContractBody()
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(_clock, StubHttpHandler.Tokens());
        TokenRefreshClient client = RefreshTestOptions.Client(handler, RefreshTestOptions.Create(), _clock, _logger);

        // Act
        await client.RefreshAsync(RefreshTestOptions.RefreshToken, CancellationToken.None);

        // Assert
        RecordedRequest request = handler.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be(HttpMethod.Post);
        request.Uri.Should().Be(RefreshTestOptions.Endpoint);
        request.Body.Should().Be(
            """{"client_id":"app_EMoamEEZ73f0CkXaXp7hrann","grant_type":"refresh_token","refresh_token":"rt_test_9f3c2a7d1b6e4058a1c3","refresh_reason":"forced"}""");
        using var document = JsonDocument.Parse(request.Body);
        document.RootElement.EnumerateObject().Select(member => (member.Name, member.Value.GetString())).Should().Equal(
            ("client_id", "app_EMoamEEZ73f0CkXaXp7hrann"),
            ("grant_type", "refresh_token"),
            ("refresh_token", RefreshTestOptions.RefreshToken),
            ("refresh_reason", "forced"));
    }

    [Theory]
    [InlineData(nameof(RefreshReason.Forced), "forced")]
    [InlineData(nameof(RefreshReason.ProactiveExpiry), "proactive_expiry")]
    [InlineData(nameof(RefreshReason.UnauthorizedRecovery), "unauthorized_recovery")]
    public async Task RefreshAsync_EachReason_IsSentAsRefreshReason(string reasonName, string expected)
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(_clock, StubHttpHandler.Tokens());
        TokenRefreshClient client = RefreshTestOptions.Client(handler, RefreshTestOptions.Create(), _clock, _logger);

        // Act
        await client.RefreshAsync(RefreshTestOptions.RefreshToken, Enum.Parse<RefreshReason>(reasonName), CancellationToken.None);

        // Assert
        using var document = JsonDocument.Parse(handler.Requests.Single().Body);
        document.RootElement.GetProperty("refresh_reason").GetString().Should().Be(expected);
    }

    [Fact]
    public async Task RefreshAsync_Always_SendsJsonContentTypeUserAgentAndOriginator()
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(_clock, StubHttpHandler.Tokens());
        TokenRefreshClient client = RefreshTestOptions.Client(handler, RefreshTestOptions.Create(), _clock, _logger);

        // Act
        await client.RefreshAsync(RefreshTestOptions.RefreshToken, CancellationToken.None);

        // Assert
        IReadOnlyDictionary<string, string> headers = handler.Requests.Single().Headers;
        headers["Content-Type"].Should().Be("application/json");
        headers["User-Agent"].Should().Be(RefreshTestOptions.UserAgent);
        headers["originator"].Should().Be(RefreshTestOptions.Originator);
        headers.Keys.Should().NotContain(key => key.Equals("Authorization", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task RefreshAsync_DefaultOptions_SendCodexCliOriginator()
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(_clock, StubHttpHandler.Tokens());
        TokenRefreshOptions options = new TokenRefreshOptions() with { TokenEndpoint = () => RefreshTestOptions.Endpoint };
        TokenRefreshClient client = RefreshTestOptions.Client(handler, options, _clock, _logger);

        // Act
        await client.RefreshAsync(RefreshTestOptions.RefreshToken, CancellationToken.None);

        // Assert
        handler.Requests.Single().Headers["originator"].Should().Be("codex_cli_rs");
    }

    [Fact]
    public async Task RefreshAsync_HeaderValuesWithControlOrNonAsciiCharacters_AreSanitised()
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(_clock, StubHttpHandler.Tokens());
        TokenRefreshOptions options = RefreshTestOptions.Create() with
        {
            UserAgent = static () => "codex_cli_rs/1.0 (Zed; 0.1)\r\nX-Injected: 1",
            Originator = static () => "cödex",
        };
        TokenRefreshClient client = RefreshTestOptions.Client(handler, options, _clock, _logger);

        // Act
        RefreshAttemptResult result = await client.RefreshAsync(RefreshTestOptions.RefreshToken, CancellationToken.None);

        // Assert
        result.IsSuccess.Should().BeTrue();
        IReadOnlyDictionary<string, string> headers = handler.Requests.Single().Headers;
        headers["User-Agent"].Should().Be("codex_cli_rs/1.0 (Zed; 0.1)__X-Injected: 1");
        headers["originator"].Should().Be("c_dex");
        headers.Keys.Should().NotContain("X-Injected");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\r\n")]
    public async Task RefreshAsync_EmptyRefreshToken_FailsPermanentlyWithoutRequest(string? refreshToken)
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(_clock, StubHttpHandler.Tokens());
        TokenRefreshClient client = RefreshTestOptions.Client(handler, RefreshTestOptions.Create(), _clock, _logger);

        // Act
        RefreshAttemptResult result = await client.RefreshAsync(refreshToken!, CancellationToken.None);

        // Assert
        handler.RequestCount.Should().Be(0);
        result.Attempts.Should().Be(0);
        result.Error.Should().Be(new PermanentRefreshError(RefreshFailureKind.Other, RefreshMessages.Other));
        _logger.Entries.Should().ContainSingle().Which.EventId.Id.Should().Be(4);
    }

    [Fact]
    public async Task RefreshAsync_EndpointFactory_IsEvaluatedOnEveryAttempt()
    {
        // Arrange
        int calls = 0;
        StubHttpHandler handler = StubHttpHandler.Sequence(
            _clock, StubHttpHandler.Text(HttpStatusCode.InternalServerError, ""), StubHttpHandler.Tokens());
        TokenRefreshOptions options = RefreshTestOptions.Create() with
        {
            TokenEndpoint = () => new Uri($"https://issuer-{Interlocked.Increment(ref calls)}.test/oauth/token"),
        };
        TokenRefreshClient client = RefreshTestOptions.Client(handler, options, _clock, _logger);

        // Act
        RefreshAttemptResult result = await _clock.DriveAsync(
            client.RefreshAsync(RefreshTestOptions.RefreshToken, CancellationToken.None), options.AttemptTimeout);

        // Assert
        result.IsSuccess.Should().BeTrue();
        handler.Requests.Select(request => request.Uri.Host).Should().Equal("issuer-1.test", "issuer-2.test");
    }

    [Theory]
    [InlineData("relative/path")]
    [InlineData("ftp://auth.test/oauth/token")]
    [InlineData("file:///etc/passwd")]
    public async Task RefreshAsync_EndpointNotAbsoluteHttp_FailsTransientlyWithoutRequest(string endpoint)
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(_clock, StubHttpHandler.Tokens());
        TokenRefreshOptions options = RefreshTestOptions.Create() with { TokenEndpoint = () => new Uri(endpoint, UriKind.RelativeOrAbsolute) };
        TokenRefreshClient client = RefreshTestOptions.Client(handler, options, _clock, _logger);

        // Act
        RefreshAttemptResult result = await client.RefreshAsync(RefreshTestOptions.RefreshToken, CancellationToken.None);

        // Assert
        handler.RequestCount.Should().Be(0);
        result.Error.Should().Be(new TransientRefreshError(NetworkFailureMessages.InvalidEndpoint, null, null));
    }

    [Fact]
    public async Task RefreshAsync_EndpointFactoryThrowsInvalidOperation_FailsTransientlyWithoutRequest()
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(_clock, StubHttpHandler.Tokens());
        TokenRefreshOptions options = RefreshTestOptions.Create() with { TokenEndpoint = static () => throw new InvalidOperationException("bad override") };
        TokenRefreshClient client = RefreshTestOptions.Client(handler, options, _clock, _logger);

        // Act
        RefreshAttemptResult result = await client.RefreshAsync(RefreshTestOptions.RefreshToken, CancellationToken.None);

        // Assert
        handler.RequestCount.Should().Be(0);
        result.Error.Should().BeOfType<TransientRefreshError>();
        _logger.Entries.Should().ContainSingle().Which.EventId.Id.Should().Be(5);
    }

    public static TheoryData<string> InvalidOptions => ["MaxAttempts", "AttemptTimeout", "BaseBackoff", "MaxInCallRetryAfter"];

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Constructor_OutOfRangeOption_Throws(string option)
    {
        // Arrange
        TokenRefreshOptions options = option switch
        {
            "MaxAttempts" => RefreshTestOptions.Create() with { MaxAttempts = 0 },
            "AttemptTimeout" => RefreshTestOptions.Create() with { AttemptTimeout = TimeSpan.Zero },
            "BaseBackoff" => RefreshTestOptions.Create() with { BaseBackoff = TimeSpan.FromSeconds(-1) },
            _ => RefreshTestOptions.Create() with { MaxInCallRetryAfter = TimeSpan.FromSeconds(-1) },
        };

        // Act
        Action act = () => _ = new TokenRefreshClient(new HttpClient(), options, _clock, _logger);

        // Assert
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(option);
    }
}
