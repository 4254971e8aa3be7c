using System.Net;
using System.Text.Json.Nodes;
using AppServer.DevIssuer.Tests.Support;

namespace AppServer.DevIssuer.Tests;

public sealed class DeviceCodeTests
{
    [Fact]
    public async Task DeviceCode_PendingThenApproved_YieldsCodeThatExchangesForTheCredentials()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);
        using var start = await http.PostJsonAsync("/api/accounts/deviceauth/usercode", new JsonObject { ["client_id"] = MockIssuerOptions.CodexClientId });
        var device = await start.ReadJsonAsync();
        ((string?)device["interval"]).Should().Be("0");
        var poll = new JsonObject { ["device_auth_id"] = (string?)device["device_auth_id"], ["user_code"] = (string?)device["user_code"] };

        using var pending = await http.PostJsonAsync("/api/accounts/deviceauth/token", poll.DeepClone().AsObject());
        var credentials = issuer.IssueCredentials(email: "device@example.com");
        issuer.ApproveDeviceCode((string)device["user_code"]!, credentials);
        using var approved = await http.PostJsonAsync("/api/accounts/deviceauth/token", poll);

        pending.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        approved.StatusCode.Should().Be(HttpStatusCode.OK);
        var grant = await approved.ReadJsonAsync();
        var verifier = (string)grant["code_verifier"]!;
        ((string?)grant["code_challenge"]).Should().Be(Pkce.Challenge(verifier));
        using var exchange = await http.ExchangeCodeAsync((string)grant["authorization_code"]!, issuer.Issuer + "/deviceauth/callback", verifier);
        exchange.StatusCode.Should().Be(HttpStatusCode.OK);
        ((string?)(await exchange.ReadJsonAsync())["refresh_token"]).Should().Be(credentials.RefreshToken);
    }

    [Fact]
    public async Task DeviceToken_UnknownIds_Returns400NotPending()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var http = IssuerHttp.ClientFor(issuer);

        using var response = await http.PostJsonAsync(
            "/api/accounts/deviceauth/token", new JsonObject { ["device_auth_id"] = "nope", ["user_code"] = "ABCD-EFGH" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ApproveDeviceCode_UnknownUserCode_Throws()
    {
        await using var issuer = await MockIssuer.StartAsync();

        var act = () => issuer.ApproveDeviceCode("ZZZZ-ZZZZ", issuer.IssueCredentials());

        act.Should().Throw<ArgumentException>().WithParameterName("userCode");
    }
}
