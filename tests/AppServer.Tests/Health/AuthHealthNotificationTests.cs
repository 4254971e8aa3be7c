using System.Text.Json.Nodes;
using AppServer.Auth.Manager;
using AppServer.DevIssuer;
using AppServer.Testing;
using AppServer.Tests.Infrastructure;

namespace AppServer.Tests.Health;

/// <summary>
/// Every health transition reaches every initialized connection as exactly one
/// <c>account/authHealth/changed</c>, with the fields <c>account/authHealth/read</c> answers.
/// </summary>
public sealed class AuthHealthNotificationTests : IAsyncLifetime
{
    private const string Changed = "account/authHealth/changed";

    // Quiet time that ends a drain: a notification still to come would have been queued already.
    private static readonly TimeSpan s_quiet = TimeSpan.FromMilliseconds(300);

    private IssuerServerFixture _fixture = null!;

    private MockIssuer Issuer => _fixture.Issuer;

    public async Task InitializeAsync() => _fixture = await IssuerServerFixture.CreateAsync();

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task Health_TransientFailureThenRecovery_OkRetryingOkOncePerConnection()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(Issuer.IssueCredentials(), DateTimeOffset.UtcNow));
        // A cooldown that is over at once, so the recovery needs no waiting.
        await _fixture.StartServerAsync(s => s with { Auth = new AuthManagerOptions { TransientCooldown = TimeSpan.FromMilliseconds(1), MaxTransientCooldown = TimeSpan.FromMilliseconds(1) } });
        var second = await ConnectAsync();
        Issuer.SetRefreshMode(RefreshMode.Transient);

        await _fixture.StatusAsync(refreshToken: true);
        var retryingRead = await _fixture.Client.CallAsync("account/authHealth/read");
        var postsWhileDown = Issuer.RefreshRequestCount;
        Issuer.SetRefreshMode(RefreshMode.Rotate);
        await Task.Delay(5);
        await _fixture.StatusAsync(refreshToken: true);

        foreach (var client in new[] { _fixture.Client, second })
        {
            var health = await DrainHealthAsync(client);
            health.Select(h => h["state"]!.GetValue<string>()).Should().Equal("retrying", "ok");
            health[0]["reason"].Should().BeNull();
            health[0]["message"]!.GetValue<string>().Should().NotBeEmpty();
            health[0]["nextAttemptAt"]!.GetValue<string>().Should().EndWith("Z");
            health[1]["nextAttemptAt"].Should().BeNull();
            health[1]["message"].Should().BeNull();
        }

        retryingRead["state"]!.GetValue<string>().Should().Be("retrying");
        postsWhileDown.Should().Be(3, "one refresh of three in-call attempts failed");
        Issuer.RefreshRequestCount.Should().Be(4);
    }

    [Fact]
    public async Task Health_PermanentFailureThenLoginThenLogout_NeedsLoginOkLoggedOutOncePerConnection()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ChatGpt(Issuer.IssueCredentials(), DateTimeOffset.UtcNow));
        await _fixture.StartServerAsync();
        var second = await ConnectAsync();
        Issuer.SetRefreshMode(RefreshMode.PermanentFailure, errorCode: "refresh_token_expired");

        for (var i = 0; i < 5; i++)
        {
            await _fixture.StatusAsync(refreshToken: true);
        }

        var needsLoginRead = await _fixture.Client.CallAsync("account/authHealth/read");
        var afterFailure = await Task.WhenAll(DrainHealthAsync(_fixture.Client), DrainHealthAsync(second));
        await _fixture.Client.CallAsync("loginApiKey", new { apiKey = "sk-new-key" });
        var afterLogin = await Task.WhenAll(DrainHealthAsync(_fixture.Client), DrainHealthAsync(second));
        await _fixture.Client.CallAsync("account/logout");
        var afterLogout = await Task.WhenAll(DrainHealthAsync(_fixture.Client), DrainHealthAsync(second));

        foreach (var health in afterFailure)
        {
            health.Should().ContainSingle();
            health[0].ToJsonString().Should().Be(new JsonObject
            {
                ["state"] = "needsLogin",
                ["reason"] = "expired",
                ["message"] = needsLoginRead["message"]!.GetValue<string>(),
                ["since"] = health[0]["since"]!.GetValue<string>(),
                ["nextAttemptAt"] = null,
            }.ToJsonString());
        }

        afterLogin.Should().OnlyContain(h => h.Count == 1 && h[0]["state"]!.GetValue<string>() == "ok" && h[0]["reason"] == null);
        afterLogout.Should().OnlyContain(h => h.Count == 1 && h[0]["state"]!.GetValue<string>() == "loggedOut");
        needsLoginRead["reason"]!.GetValue<string>().Should().Be("expired");
        Issuer.RefreshRequestCount.Should().Be(1);
    }

    [Fact]
    public async Task Health_RejectedApiKey_OneNeedsLoginPerConnectionHoweverOftenReported()
    {
        _fixture.Home.WriteAuthJson(AuthFixtures.ApiKey("sk-test-key"));
        await _fixture.StartServerAsync();
        var second = await ConnectAsync();

        for (var i = 0; i < 3; i++)
        {
            await _fixture.Client.CallAsync("getAuthStatus", new { rejectedAuthToken = "sk-test-key" });
        }

        foreach (var client in new[] { _fixture.Client, second })
        {
            var health = await DrainHealthAsync(client);
            health.Should().ContainSingle().Which["reason"]!.GetValue<string>().Should().Be("apiKeyRejected");
        }
    }

    [Fact]
    public async Task Health_ConnectionThatOptedOut_ReceivesNoHealthButStillAccountUpdated()
    {
        await _fixture.StartServerAsync();
        var optedOut = _fixture.Server.Connect();
        await optedOut.CallAsync("initialize", new JsonObject
        {
            ["clientInfo"] = new JsonObject { ["name"] = "opted-out", ["version"] = "0.1.0" },
            ["capabilities"] = new JsonObject { ["optOutNotificationMethods"] = new JsonArray(Changed) },
        });

        await _fixture.Client.CallAsync("loginApiKey", new { apiKey = "sk-new-key" });

        var seen = await DrainAsync(optedOut);
        seen.Select(n => n["method"]!.GetValue<string>()).Should().Equal("account/updated", "authStatusChange");
        (await DrainHealthAsync(_fixture.Client)).Should().ContainSingle();
    }

    [Fact]
    public async Task Notifications_OnTheLinesClient_AllCarryEmittedAtMs()
    {
        await _fixture.StartServerAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        await _fixture.Client.CallAsync("loginApiKey", new { apiKey = "sk-new-key" });
        var seen = await DrainAsync(_fixture.Client);

        seen.Should().HaveCount(3);
        seen.Should().OnlyContain(n => n.EmittedAtMs() >= before && n.EmittedAtMs() <= DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    private async Task<JsonLineClient> ConnectAsync()
    {
        var client = _fixture.Server.Connect();
        await client.InitializeAsync("second-window");
        return client;
    }

    private static async Task<List<JsonObject>> DrainHealthAsync(JsonLineClient client) =>
        [.. (await DrainAsync(client)).Where(n => n["method"]!.GetValue<string>() == Changed).Select(n => n["params"]!.AsObject())];

    private static async Task<List<JsonObject>> DrainAsync(JsonLineClient client)
    {
        var seen = new List<JsonObject>();
        while (await client.TryNextNotificationAsync(s_quiet) is { } notification)
        {
            seen.Add(notification);
        }

        return seen;
    }
}
