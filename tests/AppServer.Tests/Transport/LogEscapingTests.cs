using System.Text.Json.Nodes;
using AppServer.Framing;
using AppServer.Hosting;
using Microsoft.Extensions.Logging;

namespace AppServer.Tests.Transport;

/// <summary>
/// Client-controlled text never reaches a log line with raw control characters: terminal escape
/// sequences, C1 controls, DEL, line separators and bidi overrides are written as <c>\uXXXX</c>.
/// </summary>
public sealed class LogEscapingTests
{
    // ESC ] 0 ; title BEL (retitles a terminal), CSI 2J (clears it), C1 CSI, DEL, RLO, LS.
    private const string Hostile = "a\u001b]0;pwned\u0007b\u001b[2Jc\u009b31md\u007fe\u202ef\u2028g\u2066h";

    [Fact]
    public void ForLog_EscapesEveryControlClass_AndKeepsOrdinaryText()
    {
        ClientText.ForLog(Hostile).Should().Be("a\\u001B]0;pwned\\u0007b\\u001B[2Jc\\u009B31md\\u007Fe\\u202Ef\\u2028g\\u2066h");
        ClientText.ForLog("account/read café ✓").Should().Be("account/read café ✓");
        ClientText.ForLog(null).Should().Be("(null)");
    }

    [Fact]
    public void ForLog_CutsALongValue_AndSaysHowMuchWasLeftOut()
    {
        var logged = ClientText.ForLog(new string('m', 5000));

        logged.Should().Be(new string('m', ClientText.MaxValueLength) + "…(+4800 chars)");
    }

    [Fact]
    public void StderrLogger_WritesNoControlCharacter_WhateverTheCallSitePassed()
    {
        using var stderr = new StringWriter();
        using var provider = new StderrLoggerFactory(stderr, LogLevel.Trace);
#pragma warning disable CA1848, CA2254 // A free-form message is the point: a call site that forgot to escape.
        provider.CreateLogger("Test").LogWarning("raw " + Hostile);
#pragma warning restore CA1848, CA2254

        var line = stderr.ToString().TrimEnd('\n', '\r');
        line.Should().Contain("raw a\\u001B]0;pwned\\u0007b\\u001B[2Jc\\u009B31md\\u007Fe\\u202Ef");
        line.Where(ClientText.IsUnsafe).Should().BeEmpty();
    }

    [Fact]
    public void StderrLogger_BelowTheMinimumLevel_WritesNothingAndSaysItIsDisabled()
    {
        using var stderr = new StringWriter();
        using var factory = new StderrLoggerFactory(stderr, LogLevel.Warning);
        var logger = factory.CreateLogger("Test");
#pragma warning disable CA1848 // A direct call is the point: the factory's filter, not a generated check.
        logger.LogInformation("quiet");
        logger.LogWarning("loud");
#pragma warning restore CA1848

        logger.IsEnabled(LogLevel.Information).Should().BeFalse();
        logger.IsEnabled(LogLevel.Error).Should().BeTrue();
        logger.IsEnabled(LogLevel.None).Should().BeFalse();
        stderr.ToString().Should().NotContain("quiet").And.Contain("warn: Test: loud");
    }

    [Fact]
    public async Task ClientValues_InEveryLogLine_AreEscaped()
    {
        await using var server = new TransportServer();
        var client = server.Connect(WireFraming.Lines);
        var name = JsonValue.Create(Hostile);
        var badName = client.Expect(JsonValue.Create(900));
        await client.SendAsync(FramedTestClient.Request(900, "initialize", new JsonObject { ["clientInfo"] = new JsonObject { ["name"] = name.DeepClone(), ["version"] = name.DeepClone() } }));
        await badName.WaitAsync(FramedTestClient.Timeout);
        await client.InitializeAsync();

        var unknown = client.Expect(name.DeepClone());
        await client.SendAsync(FramedTestClient.Request(name.DeepClone(), "no/" + Hostile, new JsonObject()));
        await unknown.WaitAsync(FramedTestClient.Timeout);
        await client.SendAsync(new JsonObject { ["id"] = name.DeepClone(), ["result"] = new JsonObject() });
        (await client.RequestAsync("account/login/cancel", new JsonObject { ["loginId"] = name.DeepClone() })).Should().ContainKey("error");
        (await client.RequestAsync("cancelLoginChatGpt", new JsonObject { ["loginId"] = name.DeepClone() })).Should().ContainKey("error");

        var lines = server.Logs.Lines.ToList();
        lines.Should().Contain(l => l.Contains("no/a\\u001B]0;pwned\\u0007b\\u001B[2Jc\\u009B31md\\u007Fe\\u202Ef", StringComparison.Ordinal), "the unknown method is logged, escaped");
        lines.Should().Contain(l => l.Contains("Ignored a response", StringComparison.Ordinal) && l.Contains(ClientText.ForLog(Hostile), StringComparison.Ordinal));
        foreach (var line in lines)
        {
            // Captured lines keep exception stack traces multi-line; the stderr logger flattens those.
            line.Where(c => c is not ('\n' or '\r') && ClientText.IsUnsafe(c)).Should().BeEmpty(line);
        }
    }
}
