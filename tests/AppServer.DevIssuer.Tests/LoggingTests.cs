using AppServer.DevIssuer.Tests.Support;
using Microsoft.Extensions.Logging;

namespace AppServer.DevIssuer.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class LoggingTests
{
    [Fact]
    public async Task Issuer_NoLoggerFactory_WritesNothingToStdout()
    {
        var original = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            var issuer = await MockIssuer.StartAsync();
            using (var http = IssuerHttp.ClientFor(issuer))
            {
                (await http.RefreshAsync("rt-unknown")).Dispose();
                (await http.GetAsync("/nowhere")).Dispose();
            }

            await issuer.DisposeAsync();
        }
        finally
        {
            Console.SetOut(original);
        }

        captured.ToString().Should().BeEmpty();
    }

    [Fact]
    public async Task Issuer_WithLoggerFactory_ForwardsHostLogs()
    {
        var provider = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(provider));

        await using (await MockIssuer.StartAsync(new MockIssuerOptions { LoggerFactory = loggerFactory }))
        {
        }

        provider.Categories.Should().Contain(c => c.StartsWith("Microsoft.", StringComparison.Ordinal));
    }
}
