using AppServer.DevIssuer;
using AppServer.Testing;
using AppServer.Tests.Infrastructure;

namespace AppServer.Tests.Auth;

/// <summary><c>account/read</c> (docs/codex-compatibility.md §7.2, §9.2) and how a poison affects it (§4.6).</summary>
public sealed class AccountReadTests : IAsyncLifetime
{
    private IssuerServerFixture _fixture = null!;

    private MockIssuer Issuer => _fixture.Issuer;

    public async Task InitializeAsync() => _fixture = await IssuerServerFixture.CreateAsync();

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task AccountRead_NoAuth_ReturnsNullAccount()
    {
        await _fixture.StartServerAsync();

        var result = await _fixture.Client.CallAsync("account/read", new { });

        result.ToJsonString().Should().Be("""{"account":null,"requiresOpenaiAuth":true}""");
    }

    [Fact]
    public async Task AccountRead_WithApiKey_ReturnsApiKeyAccount()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ApiKey("sk-test-key"));
        await _fixture.StartServerAsync();

        var result = await _fixture.Client.CallAsync("account/read", new { });

        result.ToJsonString().Should().Be("""{"account":{"type":"apiKey"},"requiresOpenaiAuth":true}""");
    }

    [Fact]
    public async Task AccountRead_WithChatGpt_ReturnsEmailAndPlan()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(Issuer.IssueCredentials(email: "user@example.com", plan: "pro"), DateTimeOffset.UtcNow));
        await _fixture.StartServerAsync();

        var result = await _fixture.Client.CallAsync("account/read", new { });

        result.ToJsonString().Should().Be("""{"account":{"type":"chatgpt","email":"user@example.com","planType":"pro"},"requiresOpenaiAuth":true,"userId":"user-123"}""");
    }

    [Fact]
    public async Task AccountRead_WithChatGptMissingPlanClaim_ReturnsUnknownPlan()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(Issuer.IssueCredentials(plan: null), DateTimeOffset.UtcNow));
        await _fixture.StartServerAsync();

        var result = await _fixture.Client.CallAsync("account/read", new { });

        result["account"]!["planType"]!.GetValue<string>().Should().Be("unknown");
    }

    [Theory]
    [InlineData("edu", "edu")]
    [InlineData("education", "edu")]
    [InlineData("hc", "enterprise")]
    [InlineData("self_serve_business_usage_based", "self_serve_business_usage_based")]
    [InlineData("mystery-tier", "unknown")]
    public async Task AccountRead_PlanClaim_MapsToWirePlan(string claim, string wire)
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(Issuer.IssueCredentials(plan: claim), DateTimeOffset.UtcNow));
        await _fixture.StartServerAsync();

        var result = await _fixture.Client.CallAsync("account/read", new { });

        result["account"]!["planType"]!.GetValue<string>().Should().Be(wire);
    }

    [Fact]
    public async Task AccountRead_PoisonedWithRefreshRequested_ReportsAccountWithoutCallingAgain()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(Issuer.IssueCredentials(), DateTimeOffset.UtcNow));
        Issuer.SetRefreshMode(RefreshMode.PermanentFailure, "refresh_token_invalidated");
        await _fixture.StartServerAsync();

        var first = await _fixture.Client.CallAsync("account/read", new { refreshToken = true });
        var second = await _fixture.Client.CallAsync("account/read", new { refreshToken = true });

        second.ToJsonString().Should().Be(first.ToJsonString());
        second["account"]!["email"]!.GetValue<string>().Should().Be("user@example.com");
        Issuer.RefreshRequestCount.Should().Be(1);
    }
}
