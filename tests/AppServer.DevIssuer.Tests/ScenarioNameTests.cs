using System.Net;
using System.Text.Json.Nodes;
using AppServer.DevIssuer.Scenarios;
using AppServer.DevIssuer.Tests.Support;

namespace AppServer.DevIssuer.Tests;

/// <summary>One name table: every name <c>--scenario</c> knows works on <c>/__admin/mode</c> and means the same there.</summary>
public sealed class ScenarioNameTests
{
    [Theory]
    [InlineData("rotate", "Rotate", "refresh_token_expired")]
    [InlineData("expired", "PermanentFailure", "refresh_token_expired")]
    [InlineData("exhausted", "PermanentFailure", "refresh_token_reused")]
    [InlineData("revoked", "PermanentFailure", "refresh_token_invalidated")]
    [InlineData("other", "PermanentFailure", "unknown_error")]
    [InlineData("transient", "Transient", "refresh_token_expired")]
    [InlineData("rate-limited", "RateLimited", "refresh_token_expired")]
    [InlineData("rate_limited", "RateLimited", "refresh_token_expired")]
    [InlineData("slow", "Slow", "refresh_token_expired")]
    public async Task AdminModeAndApplyScenario_SameName_SameSettings(string name, string mode, string code)
    {
        // Arrange
        await using var byAdmin = await MockIssuer.StartAsync();
        await using var byName = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(byAdmin);

        // Act
        using var response = await http.PostJsonAsync("/__admin/mode", new JsonObject { ["mode"] = name });
        byName.ApplyScenario(name).Should().BeTrue();

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        byAdmin.CurrentRefreshMode.Should().Be(byName.CurrentRefreshMode);
        byAdmin.CurrentRefreshMode.Mode.ToString().Should().Be(mode);
        byAdmin.CurrentRefreshMode.ErrorCode.Should().Be(code);
    }

    [Fact]
    public void AcceptedNames_EveryCanonicalNameAndBothRateLimitedSpellings()
    {
        ScenarioTable.Names.Should().Equal("rotate", "permanent", "expired", "exhausted", "revoked", "other", "transient", "rate-limited", "slow");
        ScenarioTable.AcceptedNames.Should().Contain(["rate-limited", "rate_limited", "reused", "invalidated"]);
        ScenarioTable.AcceptedNames.Should().AllSatisfy(name => ScenarioTable.TryFind(name, out _).Should().BeTrue());
    }

    [Fact]
    public async Task AdminMode_UnknownName_ErrorBodyIsPlainJsonListingTheNames()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);

        using var response = await http.PostJsonAsync("/__admin/mode", new JsonObject { ["mode"] = "chaos" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Be(
            """{"error":"Expected {\"mode\": NAME} with NAME one of: rotate, permanent, expired, exhausted, revoked, other, transient, rate-limited, slow."}""");
    }

    [Fact]
    public async Task AdminStats_RateLimited_ReportsTheCanonicalName()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        (await http.PostJsonAsync("/__admin/mode", new JsonObject { ["mode"] = "rate_limited" })).Dispose();

        using var stats = await http.GetAsync("/__admin/stats");

        ((string?)(await stats.ReadJsonAsync())["mode"]).Should().Be("rate-limited");
    }
}
