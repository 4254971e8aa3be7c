using System.Text.Json.Nodes;
using AppServer.DevIssuer;
using AppServer.Testing;
using AppServer.Tests.Infrastructure;

namespace AppServer.Tests.Auth;

/// <summary>The status × body matrix through the JSON-RPC surface (docs/failure-modes.md §3.7, §3.8).</summary>
public sealed class RefreshFailureTests : IAsyncLifetime
{
    private IssuerServerFixture _fixture = null!;
    private IssuedCredentials _credentials = null!;

    private MockIssuer Issuer => _fixture.Issuer;

    public async Task InitializeAsync()
    {
        _fixture = await IssuerServerFixture.CreateAsync();
        _credentials = Issuer.IssueCredentials();
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(_credentials, DateTimeOffset.UtcNow.AddDays(-1)));
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task TransientServerErrors_ThenSuccess_RetriedWithinOneDemand()
    {
        Issuer.EnqueueTokenResponse(MockResponse.Json(500, """{"error":"temporary-failure"}"""));
        Issuer.EnqueueTokenResponse(MockResponse.Json(503, "{}"));
        await _fixture.StartServerAsync();

        var status = await _fixture.StatusAsync(includeToken: true, refreshToken: true);

        status["authToken"]!.GetValue<string>().Should().NotBe(_credentials.AccessToken);
        status.Should().NotContainKey("refreshFailure");
        Issuer.RefreshRequestCount.Should().Be(3);
    }

    [Fact]
    public async Task TransientOutage_NeverPoisons_AndStillReturnsCachedToken()
    {
        Issuer.SetRefreshMode(RefreshMode.Transient);
        await _fixture.StartServerAsync();

        var first = await _fixture.StatusAsync(includeToken: true, refreshToken: true);
        var second = await _fixture.StatusAsync(includeToken: true, refreshToken: true);

        first["authToken"]!.GetValue<string>().Should().Be(_credentials.AccessToken);
        second["authToken"]!.GetValue<string>().Should().Be(_credentials.AccessToken);
        second.Should().NotContainKey("refreshFailure");
        Issuer.RefreshRequestCount.Should().Be(3, "3 attempts in the first demand; the second falls in the cooldown");
    }

    [Fact]
    public async Task TransientOutage_AfterCooldown_TriesAgain()
    {
        Issuer.SetRefreshMode(RefreshMode.Transient);
        await _fixture.StartServerAsync(settings => settings with { Auth = settings.Auth with { TransientCooldown = TimeSpan.Zero } });

        await _fixture.StatusAsync(includeToken: true, refreshToken: true);
        Issuer.SetRefreshMode(RefreshMode.Rotate);
        var recovered = await _fixture.StatusAsync(includeToken: true, refreshToken: true);

        recovered["authToken"]!.GetValue<string>().Should().NotBe(_credentials.AccessToken);
        Issuer.RefreshRequestCount.Should().Be(4);
    }

    [Theory]
    [InlineData(400, """{"error":"invalid_grant"}""", "other")]
    [InlineData(400, """{"error":{"code":"refresh_token_reused"}}""", "exhausted")]
    [InlineData(401, """{"error":"refresh_token_reused"}""", "exhausted")]
    [InlineData(401, """{"code":"REFRESH_TOKEN_EXPIRED"}""", "expired")]
    [InlineData(401, "", "other")]
    [InlineData(401, "<html>nope</html>", "other")]
    public async Task PermanentResponses_PoisonAfterOnePost(int status, string body, string reason)
    {
        Issuer.EnqueueTokenResponse(MockResponse.Text(status, body));
        await _fixture.StartServerAsync();

        await _fixture.StatusAsync(includeToken: true, refreshToken: true);
        var second = await _fixture.StatusAsync(includeToken: true, refreshToken: true);

        second["authToken"].Should().BeNull();
        second["refreshFailure"]!["reason"]!.GetValue<string>().Should().Be(reason);
        Issuer.RefreshRequestCount.Should().Be(1);
    }

    [Fact]
    public async Task UnknownCodeOn400_IsTransient()
    {
        Issuer.EnqueueTokenResponse(MockResponse.RefreshError(400, "something_else"));
        await _fixture.StartServerAsync();

        var status = await _fixture.StatusAsync(includeToken: true, refreshToken: true);

        status["authToken"]!.GetValue<string>().Should().Be(_credentials.AccessToken);
        status.Should().NotContainKey("refreshFailure");
    }

    [Fact]
    public async Task RateLimitedWithRetryAfter_NoPostBeforeItElapses()
    {
        Issuer.EnqueueTokenResponse(MockResponse.RateLimited(30));
        await _fixture.StartServerAsync();

        var first = await _fixture.StatusAsync(includeToken: true, refreshToken: true);
        var second = await _fixture.StatusAsync(includeToken: true, refreshToken: true);

        first["authToken"]!.GetValue<string>().Should().Be(_credentials.AccessToken);
        second["authToken"]!.GetValue<string>().Should().Be(_credentials.AccessToken);
        Issuer.RefreshRequestCount.Should().Be(1);
    }

    [Theory]
    [InlineData("html")]
    [InlineData("no-access-token")]
    [InlineData("empty")]
    public async Task UnusableSuccessBody_IsTransientAndPersistsNothing(string kind)
    {
        var response = kind switch
        {
            "html" => MockResponse.Html(),
            "no-access-token" => MockResponse.Json(200, """{"refresh_token":"rt-x"}"""),
            _ => MockResponse.Empty(200),
        };
        for (var i = 0; i < 3; i++)
        {
            Issuer.EnqueueTokenResponse(response);
        }

        var before = _fixture.Home.ReadAuthJson();
        await _fixture.StartServerAsync();

        var status = await _fixture.StatusAsync(includeToken: true, refreshToken: true);

        status["authToken"]!.GetValue<string>().Should().Be(_credentials.AccessToken);
        _fixture.Home.ReadAuthJson().Should().Be(before);
        Issuer.RefreshRequestCount.Should().Be(3);
    }

    [Fact]
    public async Task ResponseWithoutRefreshToken_KeepsTheOldOne()
    {
        var newAccess = JwtFactory.AccessToken(DateTimeOffset.UtcNow.AddHours(1), _credentials.AccountId, "pro");
        Issuer.EnqueueTokenResponse(MockResponse.Json(200, new JsonObject { ["access_token"] = newAccess }.ToJsonString()));
        await _fixture.StartServerAsync();

        var status = await _fixture.StatusAsync(includeToken: true, refreshToken: true);

        var tokens = JsonNode.Parse(_fixture.Home.ReadAuthJson())!["tokens"]!;
        status["authToken"]!.GetValue<string>().Should().Be(newAccess);
        tokens["access_token"]!.GetValue<string>().Should().Be(newAccess);
        tokens["refresh_token"]!.GetValue<string>().Should().Be(_credentials.RefreshToken);
        tokens["id_token"]!.GetValue<string>().Should().Be(_credentials.IdToken);
    }

    [Fact]
    public async Task ResponseNamingAnotherAccount_NeverSwitchesTheStoredAccountId()
    {
        var otherId = JwtFactory.IdToken("other@example.com", "plus", "acct_other", "user-other");
        var newAccess = JwtFactory.AccessToken(DateTimeOffset.UtcNow.AddHours(1), "acct_other", "plus");
        Issuer.EnqueueTokenResponse(MockResponse.Json(200, new JsonObject { ["id_token"] = otherId, ["access_token"] = newAccess, ["refresh_token"] = "rt-new" }.ToJsonString()));
        await _fixture.StartServerAsync();

        await _fixture.StatusAsync(includeToken: true, refreshToken: true);

        JsonNode.Parse(_fixture.Home.ReadAuthJson())!["tokens"]!["account_id"]!.GetValue<string>().Should().Be(_credentials.AccountId);
    }
}
