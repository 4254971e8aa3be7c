using System.Net;
using AppServer.Auth.Refresh;
using AppServer.Auth.Tests.Refresh.Support;

namespace AppServer.Auth.Tests.Refresh;

[Collection(TokenEndpointEnvironmentCollection.Name)]
public sealed class TokenRefreshOptionsEnvironmentTests : IDisposable
{
    public const string Variable = TokenRefreshOptions.TokenEndpointOverrideVariable;

    private readonly string? _original = Environment.GetEnvironmentVariable(Variable);
    private readonly ObservableTimeProvider _clock = new();
    private readonly CapturingLogger _logger = new();

    public void Dispose() => Environment.SetEnvironmentVariable(Variable, _original);

    [Fact]
    public void OverrideVariable_Name_IsUpstreamName()
    {
        Variable.Should().Be("CODEX_REFRESH_TOKEN_URL_OVERRIDE");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void DefaultTokenEndpoint_OverrideUnset_IsProductionUrl(string? value)
    {
        // Arrange
        Environment.SetEnvironmentVariable(Variable, value);

        // Act
        Uri endpoint = TokenRefreshOptions.DefaultTokenEndpoint();

        // Assert
        endpoint.Should().Be(new Uri("https://auth.openai.com/oauth/token"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:1455/oauth/token")]
    [InlineData("https://mock.test/custom/token?tenant=a")]
    public void DefaultTokenEndpoint_OverrideSet_IsOverride(string value)
    {
        // Arrange
        Environment.SetEnvironmentVariable(Variable, value);

        // Act
        Uri endpoint = TokenRefreshOptions.DefaultTokenEndpoint();

        // Assert
        endpoint.Should().Be(new Uri(value));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("/oauth/token")]
    [InlineData("ftp://mock.test/token")]
    public void DefaultTokenEndpoint_OverrideNotAbsoluteHttp_ThrowsWithoutEchoingValue(string value)
    {
        // Arrange
        Environment.SetEnvironmentVariable(Variable, value);

        // Act
        Action act = () => TokenRefreshOptions.DefaultTokenEndpoint();

        // Assert
        act.Should().Throw<InvalidOperationException>().Which.Message.Should().NotContain(value);
    }

    [Fact]
    public async Task RefreshAsync_OverrideChangesBetweenAttempts_NextAttemptUsesNewValue()
    {
        // Arrange: the first mock fails and, like a test harness would, repoints the variable.
        Environment.SetEnvironmentVariable(Variable, "http://first.test/oauth/token");
        var handler = new StubHttpHandler(_clock, (request, _) =>
        {
            if (request.Uri.Host == "first.test")
            {
                Environment.SetEnvironmentVariable(Variable, "http://second.test/oauth/token");
                return Task.FromResult(StubHttpHandler.Text(HttpStatusCode.ServiceUnavailable, "")());
            }

            return Task.FromResult(StubHttpHandler.Tokens()());
        });
        TokenRefreshOptions options = RefreshTestOptions.Create() with { TokenEndpoint = TokenRefreshOptions.DefaultTokenEndpoint };
        TokenRefreshClient client = RefreshTestOptions.Client(handler, options, _clock, _logger);

        // Act
        RefreshAttemptResult result = await _clock.DriveAsync(
            client.RefreshAsync(RefreshTestOptions.RefreshToken, CancellationToken.None), options.AttemptTimeout);

        // Assert
        result.IsSuccess.Should().BeTrue();
        handler.Requests.Select(request => request.Uri.ToString()).Should().Equal(
            "http://first.test/oauth/token", "http://second.test/oauth/token");
    }

    [Fact]
    public async Task RefreshAsync_OverrideSetAfterClientCreated_IsHonoured()
    {
        // Arrange
        Environment.SetEnvironmentVariable(Variable, null);
        StubHttpHandler handler = StubHttpHandler.Sequence(_clock, StubHttpHandler.Tokens());
        TokenRefreshOptions options = RefreshTestOptions.Create() with { TokenEndpoint = TokenRefreshOptions.DefaultTokenEndpoint };
        TokenRefreshClient client = RefreshTestOptions.Client(handler, options, _clock, _logger);
        Environment.SetEnvironmentVariable(Variable, "http://late.test/oauth/token");

        // Act
        await client.RefreshAsync(RefreshTestOptions.RefreshToken, CancellationToken.None);

        // Assert
        handler.Requests.Single().Uri.Should().Be(new Uri("http://late.test/oauth/token"));
    }

    [Fact]
    public async Task RefreshAsync_InvalidOverride_FailsTransientlyWithoutRequestOrEcho()
    {
        // Arrange
        Environment.SetEnvironmentVariable(Variable, "mock.test/oauth/token?key=SECRET_QUERY");
        StubHttpHandler handler = StubHttpHandler.Sequence(_clock, StubHttpHandler.Tokens());
        TokenRefreshOptions options = RefreshTestOptions.Create() with { TokenEndpoint = TokenRefreshOptions.DefaultTokenEndpoint };
        TokenRefreshClient client = RefreshTestOptions.Client(handler, options, _clock, _logger);

        // Act
        RefreshAttemptResult result = await client.RefreshAsync(RefreshTestOptions.RefreshToken, CancellationToken.None);

        // Assert
        handler.RequestCount.Should().Be(0);
        result.Error.Should().BeOfType<TransientRefreshError>().Which.Message.Should().NotContain("SECRET_QUERY");
        _logger.Entries.Should().AllSatisfy(entry => entry.AllText.Should().NotContain("SECRET_QUERY"));
    }
}
