using System.Net;
using AppServer.Auth.Refresh;
using AppServer.Auth.Tests.Refresh.Support;

namespace AppServer.Auth.Tests.Refresh;

public sealed class TokenRefreshClientResponseTests
{
    private readonly ObservableTimeProvider _clock = new();
    private readonly CapturingLogger _logger = new();

    [Fact]
    public async Task RefreshAsync_FullSuccessBody_ReturnsAllThreeTokensAndIgnoresTheRest()
    {
        // Arrange
        const string body = """
            {"id_token":"id-new","access_token":"at-new","refresh_token":"rt-new",
             "expires_in":864000,"token_type":"Bearer","scope":"openid profile","extra":{"nested":[1,2]}}
            """;

        // Act
        RefreshAttemptResult result = await RefreshWithBodyAsync(body);

        // Assert
        result.IsSuccess.Should().BeTrue();
        result.Tokens.Should().Be(new TokenResponse("id-new", "at-new", "rt-new"));
        result.Attempts.Should().Be(1);
        _logger.Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task RefreshAsync_SuccessWithoutRefreshToken_ReturnsNullRefreshToken()
    {
        // Act
        RefreshAttemptResult result = await RefreshWithBodyAsync("""{"id_token":"id-new","access_token":"at-new"}""");

        // Assert
        result.Tokens.Should().Be(new TokenResponse("id-new", "at-new", null));
    }

    [Fact]
    public async Task RefreshAsync_SuccessWithoutIdToken_ReturnsNullIdToken()
    {
        // Act
        RefreshAttemptResult result = await RefreshWithBodyAsync("""{"access_token":"at-new","refresh_token":"rt-new"}""");

        // Assert
        result.Tokens.Should().Be(new TokenResponse(null, "at-new", "rt-new"));
    }

    [Theory]
    [InlineData("""{"id_token":"","access_token":"at-new","refresh_token":""}""")]
    [InlineData("""{"id_token":null,"access_token":"at-new","refresh_token":null}""")]
    [InlineData("""{"id_token":"  ","access_token":"at-new","refresh_token":" "}""")]
    public async Task RefreshAsync_EmptyOptionalTokens_AreTreatedAsNotSent(string body)
    {
        // Act
        RefreshAttemptResult result = await RefreshWithBodyAsync(body);

        // Assert
        result.Tokens.Should().Be(new TokenResponse(null, "at-new", null));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1e308")]
    [InlineData("\"soon\"")]
    public async Task RefreshAsync_OddExpiresIn_IsIgnored(string expiresIn)
    {
        // Act
        RefreshAttemptResult result = await RefreshWithBodyAsync($$"""{"access_token":"at-new","expires_in":{{expiresIn}}}""");

        // Assert
        result.Tokens.Should().Be(new TokenResponse(null, "at-new", null));
    }

    [Fact]
    public async Task RefreshAsync_OversizedSuccessBody_IsUnusable()
    {
        // Arrange: a valid token followed by more padding than the reader accepts.
        string body = $$"""{"access_token":"at-new","padding":"{{new string('p', BoundedContentReader.MaxBytes)}}"}""";

        // Act
        RefreshAttemptResult result = await RefreshWithBodyAsync(body, maxAttempts: 1);

        // Assert
        result.Error.Should().BeOfType<TransientRefreshError>().Which.StatusCode.Should().Be(200);
    }

    [Fact]
    public async Task RefreshAsync_NoContentStatus_IsUnusable()
    {
        // Arrange
        StubHttpHandler handler = StubHttpHandler.Sequence(_clock, () => new HttpResponseMessage(HttpStatusCode.NoContent));
        TokenRefreshOptions options = RefreshTestOptions.Create() with { MaxAttempts = 1 };
        TokenRefreshClient client = RefreshTestOptions.Client(handler, options, _clock, _logger);

        // Act
        RefreshAttemptResult result = await client.RefreshAsync(RefreshTestOptions.RefreshToken, CancellationToken.None);

        // Assert
        result.Error.Should().BeOfType<TransientRefreshError>().Which.StatusCode.Should().Be(204);
    }

    private async Task<RefreshAttemptResult> RefreshWithBodyAsync(string body, int maxAttempts = 3)
    {
        StubHttpHandler handler = StubHttpHandler.Sequence(_clock, StubHttpHandler.Json(HttpStatusCode.OK, body));
        TokenRefreshOptions options = RefreshTestOptions.Create() with { MaxAttempts = maxAttempts };
        TokenRefreshClient client = RefreshTestOptions.Client(handler, options, _clock, _logger);
        return await _clock.DriveAsync(client.RefreshAsync(RefreshTestOptions.RefreshToken, CancellationToken.None), options.AttemptTimeout);
    }
}
