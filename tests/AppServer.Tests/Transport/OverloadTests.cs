using AppServer.Testing;
using System.Text.Json.Nodes;
using AppServer.DevIssuer;
using AppServer.Framing;
using AppServer.Tests.Infrastructure;

namespace AppServer.Tests.Transport;

/// <summary>
/// The pending-request cap: a request beyond it waits for a slot, and when none frees in time it is
/// answered with -32001 "Server overloaded; retry later." while reading goes on (never silence).
/// Requests are held pending deterministically by holding the mock issuer's refresh responses.
/// </summary>
public sealed class OverloadTests : IAsyncLifetime
{
    private MockIssuer _issuer = null!;

    public async Task InitializeAsync() => _issuer = await MockIssuer.StartAsync();

    public async Task DisposeAsync() => await _issuer.DisposeAsync();

    [Fact]
    public async Task PendingCapFull_NewRequestIsShedWithOverloaded_WhileCancelStillGetsThrough()
    {
        await using var server = StartServer(maxPending: 2, wait: TimeSpan.Zero);
        var client = server.Connect(WireFraming.Lines);
        await client.InitializeAsync();
        using var gate = _issuer.HoldRefreshes();
        var held = new[] { client.Expect(JsonValue.Create(10)), client.Expect(JsonValue.Create(11)) };
        var shed = client.Expect(JsonValue.Create(12));

        await client.SendBytesAsync([
            .. Line(Refresh(10)),
            .. Line(Refresh(11)),
            .. Line(Refresh(12)),
        ]);
        var overloaded = await shed.WaitAsync(FramedTestClient.Timeout);
        await client.SendAsync(new JsonObject { ["method"] = "$/cancelRequest", ["params"] = new JsonObject { ["id"] = 10 } });
        var canceled = await held[0].WaitAsync(FramedTestClient.Timeout);
        gate.Release();
        var completed = await held[1].WaitAsync(FramedTestClient.Timeout);
        var next = await client.CallAsync("getAuthStatus", new JsonObject());

        overloaded["error"]!.ToJsonString().Should().Be("""{"code":-32001,"message":"Server overloaded; retry later."}""");
        canceled["error"]!.ToJsonString().Should().Be("""{"code":-32800,"message":"Request canceled"}""");
        completed.Should().ContainKey("result");
        next.Should().ContainKey("authMethod");
        server.Logs.Lines.Count(l => l.Contains("Server overloaded", StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public async Task PendingCapFull_NewRequestWaitsForASlot_InsteadOfBeingShed()
    {
        await using var server = StartServer(maxPending: 1, wait: TimeSpan.FromMinutes(1));
        var client = server.Connect(WireFraming.Lines);
        await client.InitializeAsync();
        var gate = _issuer.HoldRefreshes();
        var first = client.Expect(JsonValue.Create(20));
        var second = client.Expect(JsonValue.Create(21));

        await client.SendBytesAsync([.. Line(Refresh(20)), .. Line(FramedTestClient.Request(21, "account/read", new JsonObject()))]);
        await _issuer.WaitForRefreshRequestsAsync(1, FramedTestClient.Timeout);
        gate.Release();

        (await first.WaitAsync(FramedTestClient.Timeout)).Should().ContainKey("result");
        (await second.WaitAsync(FramedTestClient.Timeout)).Should().ContainKey("result");
    }

    [Fact]
    public async Task WaitersOnOneHeldRefresh_DoNotFillTheBound_PlainReadsBehindThemAreAnswered()
    {
        var credentials = _issuer.IssueCredentials();
        await using var server = new TransportServer(
            configure: settings => settings.UseIssuer(_issuer),
            prepareHome: home => home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow.AddDays(-1))));
        var client = server.Connect(WireFraming.Lines);
        await client.InitializeAsync();
        using var gate = _issuer.HoldRefreshes();
        var waiters = Enumerable.Range(1000, 200).Select(id => client.Expect(JsonValue.Create(id))).ToList();
        var reads = Enumerable.Range(2000, 800).Select(id => client.Expect(JsonValue.Create(id))).ToList();

        await client.SendBytesAsync([.. Enumerable.Range(1000, 200).SelectMany(id => Line(Refresh(id)))]);
        await client.SendBytesAsync([.. Enumerable.Range(2000, 800).SelectMany(id => Line(FramedTestClient.Request(id, "getAuthStatus", new JsonObject())))]);
        var answered = await Task.WhenAll(reads).WaitAsync(FramedTestClient.Timeout);
        var stillWaiting = waiters.Count(w => !w.IsCompleted);
        gate.Release();
        var refreshed = await Task.WhenAll(waiters).WaitAsync(FramedTestClient.Timeout);

        answered.Should().OnlyContain(r => r.ContainsKey("result"), "plain reads are not overloaded by parked refresh waiters");
        stillWaiting.Should().Be(200, "the refresh was held while the reads were answered");
        refreshed.Should().OnlyContain(r => r["result"]!["authToken"]!.GetValue<string>() != credentials.AccessToken);
        _issuer.RefreshRequestCount.Should().Be(1, "every waiter joined one refresh");
    }

    private static JsonObject Refresh(int id) =>
        FramedTestClient.Request(id, "getAuthStatus", new JsonObject { ["includeToken"] = true, ["refreshToken"] = true });

    private static byte[] Line(JsonObject message) => FramedTestClient.Frame(message, WireFraming.Lines, WireEncoding.Json);

    private TransportServer StartServer(int maxPending, TimeSpan wait)
    {
        var credentials = _issuer.IssueCredentials();
        return new TransportServer(
            // Nothing parks: here the held refreshes stand for slow distinct work that keeps its slot.
            options => options with { MaxPendingRequests = maxPending, OverloadWait = wait, MaxParkedRequests = 0 },
            settings => settings.UseIssuer(_issuer),
            home => home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow.AddDays(-1))));
    }
}
