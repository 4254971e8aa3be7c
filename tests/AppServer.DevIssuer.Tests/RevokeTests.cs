using System.Net;
using System.Text.Json.Nodes;
using AppServer.DevIssuer.Tests.Support;

namespace AppServer.DevIssuer.Tests;

public sealed class RevokeTests
{
    [Fact]
    public async Task Revoke_RefreshToken_IsRecordedAndALaterRefreshGetsRefreshTokenInvalidated()
    {
        // Arrange
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        var credentials = issuer.IssueCredentials();

        // Act
        using var revoke = await http.PostJsonAsync("/oauth/revoke", new JsonObject
        {
            ["token"] = credentials.RefreshToken,
            ["token_type_hint"] = "refresh_token",
            ["client_id"] = MockIssuerOptions.CodexClientId,
        });
        using var refresh = await http.RefreshAsync(credentials.RefreshToken);
        using var stats = await http.GetAsync("/__admin/stats");

        // Assert
        revoke.StatusCode.Should().Be(HttpStatusCode.OK);
        refresh.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await refresh.ReadErrorCodeAsync()).Should().Be("refresh_token_invalidated");
        issuer.RevokedTokens.Should().ContainSingle().Which.Should().Be(
            new State.RevokedToken(credentials.RefreshToken, "refresh_token", MockIssuerOptions.CodexClientId));
        (await stats.ReadJsonAsync())["revoked"]!.ToJsonString().Should().Be(
            $$"""[{"token":"{{credentials.RefreshToken}}","tokenTypeHint":"refresh_token"}]""");
        issuer.RequestCount("/oauth/revoke").Should().Be(1);
    }

    [Fact]
    public async Task Revoke_UnknownToken_Is200AndRecorded()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);

        using var revoke = await http.PostJsonAsync("/oauth/revoke", new JsonObject { ["token"] = "at-unknown", ["token_type_hint"] = "access_token" });

        revoke.StatusCode.Should().Be(HttpStatusCode.OK);
        issuer.RevokedTokens.Should().ContainSingle().Which.TokenTypeHint.Should().Be("access_token");
    }

    [Fact]
    public async Task Revoke_NoToken_Is400()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);

        using var revoke = await http.PostJsonAsync("/oauth/revoke", new JsonObject { ["token_type_hint"] = "refresh_token" });

        revoke.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        issuer.RevokedTokens.Should().BeEmpty();
    }

    [Fact]
    public async Task Revoke_Scripted500_IsServedAndNothingIsRevoked()
    {
        await using var issuer = await MockIssuer.StartAsync();
        issuer.EnqueueResponse(IssuerEndpoint.Revoke, MockResponse.Json(500, """{"error":{"message":"down"}}"""));
        using var http = IssuerHttp.ClientFor(issuer);
        var credentials = issuer.IssueCredentials();

        using var revoke = await http.PostJsonAsync("/oauth/revoke", new JsonObject { ["token"] = credentials.RefreshToken, ["token_type_hint"] = "refresh_token" });
        using var refresh = await http.RefreshAsync(credentials.RefreshToken);

        revoke.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        refresh.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
