using System.Diagnostics;
using System.Text.Json.Nodes;
using AppServer.Framing;
using AppServer.Protocol;
using Xunit.Abstractions;

namespace AppServer.Tests.Transport;

/// <summary>
/// A pipelined burst of polls is answered in full: every id exactly once, a result or -32001
/// "Server overloaded; retry later.", never silence (docs/failure-modes.md RPC-14). Counts are asserted;
/// the rate is only printed.
/// </summary>
public sealed class BurstTests(ITestOutputHelper output)
{
    private const int Burst = 10_000;

    [Theory]
    [InlineData("lines")]
    [InlineData("headers")]
    [InlineData("msgpack")]
    public async Task PipelinedBurst_OfTenThousandPolls_EveryIdAnsweredOnce(string wire)
    {
        var (framing, encoding) = Wire.Parse(wire);
        // The default cap (far below the burst) bounds what is in flight; reading pauses for a
        // slot instead of shedding, as long as answers keep flowing (a generous wait: no timing here).
        await using var server = new TransportServer(options => options with { Encoding = encoding, OverloadWait = TimeSpan.FromMinutes(1) });
        var client = server.Connect(framing, encoding);
        await client.InitializeAsync();

        var answers = await SendBurstAsync(client, framing, encoding, firstId: 1_000);

        client.ResponsesPerId.Where(p => p.Key != "1").Should().HaveCount(Burst).And.OnlyContain(p => p.Value == 1);
        answers.Should().OnlyContain(a => a.ContainsKey("result"));
    }

    [Fact]
    public async Task PipelinedBurst_WithDefaultSettings_IsAnsweredInFullWithResultsOrOverloaded()
    {
        await using var server = new TransportServer();
        var client = server.Connect(WireFraming.Lines);
        await client.InitializeAsync();

        var answers = await SendBurstAsync(client, WireFraming.Lines, WireEncoding.Json, firstId: 1_000);

        client.ResponsesPerId.Where(p => p.Key != "1").Should().HaveCount(Burst).And.OnlyContain(p => p.Value == 1);
        answers.Should().OnlyContain(a => a.ContainsKey("result") || IsOverloaded(a));
    }

    private static bool IsOverloaded(JsonObject answer) =>
        answer["error"] is JsonObject error
        && error["code"]!.GetValue<int>() == ErrorCodes.Overloaded
        && error["message"]!.GetValue<string>() == ErrorMessages.Overloaded;

    private async Task<JsonObject[]> SendBurstAsync(FramedTestClient client, WireFraming framing, WireEncoding encoding, int firstId)
    {
        var ids = Enumerable.Range(firstId, Burst).ToList();
        var pending = ids.Select(id => client.Expect(JsonValue.Create(id))).ToList();
        using var bytes = new MemoryStream();
        foreach (var id in ids)
        {
            bytes.Write(FramedTestClient.Frame(FramedTestClient.Request(JsonValue.Create(id), "getAuthStatus", new JsonObject()), framing, encoding));
        }

        var clock = Stopwatch.StartNew();
        await client.SendBytesAsync(bytes.ToArray());
        var answers = await Task.WhenAll(pending).WaitAsync(TimeSpan.FromMinutes(2));
        clock.Stop();

        var shed = answers.Count(IsOverloaded);
        output.WriteLine($"{framing}/{encoding}: {answers.Length} answers ({answers.Length - shed} results, {shed} overloaded) in {clock.ElapsedMilliseconds} ms, {answers.Length / clock.Elapsed.TotalSeconds:F0}/s");
        return answers;
    }
}
