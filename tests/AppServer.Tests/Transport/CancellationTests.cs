using AppServer.Testing;
using System.Text.Json.Nodes;
using AppServer.DevIssuer;
using AppServer.Framing;
using AppServer.Tests.Infrastructure;

namespace AppServer.Tests.Transport;

/// <summary>
/// A request followed by <c>$/cancelRequest</c> always gets exactly one answer: its result or
/// -32800 (docs/failure-modes.md RPC-13), on every wire format, driven with raw bytes.
/// </summary>
public sealed class CancellationTests : IAsyncLifetime
{
    private MockIssuer _issuer = null!;

    public async Task InitializeAsync() => _issuer = await MockIssuer.StartAsync();

    public async Task DisposeAsync() => await _issuer.DisposeAsync();

    [Theory]
    [InlineData("lines")]
    [InlineData("headers")]
    [InlineData("msgpack")]
    public async Task RequestAndCancel_InOneWrite_GetExactlyOneAnswer(string wire)
    {
        var (framing, encoding) = Wire.Parse(wire);
        await using var server = new TransportServer(options => options with { Encoding = encoding });
        var client = server.Connect(framing, encoding);
        await client.InitializeAsync();
        var answer = client.Expect(JsonValue.Create(50));

        await client.SendBytesAsync([
            .. FramedTestClient.Frame(FramedTestClient.Request(50, "getAuthStatus", new JsonObject()), framing, encoding),
            .. FramedTestClient.Frame(Cancel(50), framing, encoding),
        ]);

        var response = await answer.WaitAsync(FramedTestClient.Timeout);
        (await client.CallAsync("getAuthStatus", new JsonObject())).Should().ContainKey("requiresOpenaiAuth");
        if (!response.ContainsKey("result"))
        {
            ShouldBeRequestCanceled(response);
        }

        client.ResponsesPerId["50"].Should().Be(1);
    }

    [Theory]
    [InlineData("lines")]
    [InlineData("headers")]
    [InlineData("msgpack")]
    public async Task Cancel_DuringAHeldRefresh_GetsRequestCanceled_AndTheSharedRefreshStillLands(string wire)
    {
        var (framing, encoding) = Wire.Parse(wire);
        var credentials = _issuer.IssueCredentials();
        await using var server = new TransportServer(
            options => options with { Encoding = encoding },
            settings => settings.UseIssuer(_issuer),
            home => home.WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow.AddDays(-1))));
        var client = server.Connect(framing, encoding);
        await client.InitializeAsync();
        var gate = _issuer.HoldRefreshes();
        var answer = client.Expect(JsonValue.Create(60));

        await client.SendAsync(FramedTestClient.Request(60, "getAuthStatus", new JsonObject { ["includeToken"] = true, ["refreshToken"] = true }));
        await _issuer.WaitForRefreshRequestsAsync(1, FramedTestClient.Timeout);
        await client.SendAsync(Cancel(60));
        var response = await answer.WaitAsync(FramedTestClient.Timeout);
        gate.Release();
        // Joins the refresh still in flight (or finds it just done): single flight, one POST.
        var after = await client.CallAsync("getAuthStatus", new JsonObject { ["includeToken"] = true, ["refreshToken"] = true });

        ShouldBeRequestCanceled(response);
        after["authToken"]!.GetValue<string>().Should().NotBe(credentials.AccessToken, "the caller's cancel must not cancel the shared refresh");
        client.ResponsesPerId["60"].Should().Be(1);
        _issuer.RefreshRequestCount.Should().Be(1);
    }

    [Fact]
    public async Task Cancel_ForAnUnknownId_IsIgnoredSilently_AndServingGoesOn()
    {
        await using var server = new TransportServer();
        var client = server.Connect(WireFraming.Lines);
        await client.InitializeAsync();

        await client.SendAsync(Cancel(999));
        var next = await client.CallAsync("getAuthStatus", new JsonObject());

        next.Should().ContainKey("requiresOpenaiAuth");
        client.TryTakeUnmatched(out _).Should().BeFalse();
        client.ResponsesPerId.Should().NotContainKey("999");
    }

    /// <summary>The documented code and exact message (MessagePack errors also carry a nil <c>data</c>).</summary>
    private static void ShouldBeRequestCanceled(JsonObject response)
    {
        response["error"]!["code"]!.GetValue<int>().Should().Be(-32800, response.ToJsonString());
        response["error"]!["message"]!.GetValue<string>().Should().Be("Request canceled");
    }

    private static JsonObject Cancel(int id) =>
        new() { ["jsonrpc"] = "2.0", ["method"] = "$/cancelRequest", ["params"] = new JsonObject { ["id"] = id } };
}
