using AppServer.Framing;
using AppServer.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AppServer.Tests.Transport;

/// <summary>Every notification carries <c>emittedAtMs</c> at the top level, in every framing and encoding.</summary>
public sealed class EmittedAtTests
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 1, 12, 0, 0, 250, TimeSpan.Zero);

    [Theory]
    [InlineData("lines")]
    [InlineData("headers")]
    [InlineData("msgpack")]
    public async Task Notifications_InEveryWireFormat_CarryEmittedAtMsFromTheServerClock(string wire)
    {
        var (framing, encoding) = Wire.Parse(wire);
        await using var server = new TransportServer(options => options with { Encoding = encoding }, settings => settings with { TimeProvider = new FakeTimeProvider(s_now) });
        var client = server.Connect(framing, encoding);
        await client.InitializeAsync();

        await client.CallAsync("loginApiKey", new System.Text.Json.Nodes.JsonObject { ["apiKey"] = "sk-test-key" });
        var notifications = new[] { await client.NextNotificationAsync(), await client.NextNotificationAsync(), await client.NextNotificationAsync() };

        notifications.Select(n => n["method"]!.GetValue<string>()).Should().Equal("account/updated", "authStatusChange", "account/authHealth/changed");
        notifications.Should().OnlyContain(n => n.EmittedAtMs() == s_now.ToUnixTimeMilliseconds());
    }
}
