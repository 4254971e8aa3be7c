using System.CommandLine;
using AppServer.Cli;
using AppServer.DevIssuer;
using AppServer.DevIssuer.Scenarios;

namespace AppServer.Dev.Cli;

/// <summary><c>appserver-dev dev-issuer</c>: the mock OpenAI issuer as a standalone loopback server.</summary>
internal static class DevIssuerCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 = any free port).", DefaultValueFactory = _ => 0 };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError("--port must be between 0 and 65535.");
            }
        });
        var scenario = new Option<string>("--scenario") { Description = $"Refresh behaviour at start: {string.Join(", ", ScenarioTable.Names)}.", DefaultValueFactory = _ => "rotate" };
        scenario.AcceptOnlyFromAmong([.. ScenarioTable.AcceptedNames]);
        var command = new Command("dev-issuer", """
            Run a loopback mock of the OpenAI issuer for rehearsing every auth failure offline:
            refresh (/oauth/token), browser login (/oauth/authorize), device code (/codex/device).
            Switch scenarios while it runs with POST /__admin/mode.

            Examples:
              appserver-dev dev-issuer --port 8765
              appserver-dev dev-issuer --scenario exhausted
              curl -X POST http://127.0.0.1:8765/__admin/mode -d '{"mode":"rate-limited","retryAfterSeconds":30}'
              curl -X POST http://127.0.0.1:8765/__admin/credentials -d '{"accessTokenExpired":true}'
            """);
        command.Options.Add(port);
        command.Options.Add(scenario);
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(port), result.GetValue(scenario)!, stdout, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int port, string scenario, TextWriter stdout, CancellationToken cancellationToken)
    {
        await using var issuer = await StartAsync(port, cancellationToken).ConfigureAwait(false);
        issuer.ApplyScenario(scenario);
        stdout.WriteLine($"""
            AppServer dev issuer listening on {issuer.Issuer} (scenario: {scenario})

            Point a server (or an IDE extension's server) at it:
              export CODEX_REFRESH_TOKEN_URL_OVERRIDE={issuer.TokenEndpoint}
              export CODEX_APP_SERVER_LOGIN_ISSUER={issuer.Issuer}

            Mint credentials to put in auth.json:   curl -X POST {issuer.Issuer}/__admin/credentials -d '{"{"}"accessTokenExpired":true{"}"}'
            Switch the refresh scenario:            curl -X POST {issuer.Issuer}/__admin/mode -d '{"{"}"mode":"permanent","code":"refresh_token_reused"{"}"}'
              modes: {string.Join(" | ", ScenarioTable.Names)} (knobs: code, retryAfterSeconds, delayMs)
            Hold / release refreshes:               curl -X POST {issuer.Issuer}/__admin/hold   (and /__admin/release)
            Counters:                               curl {issuer.Issuer}/__admin/stats
            Device-code login: open the verification URL with ?user_code=CODE to approve it.

            Ctrl+C to stop.
            """);
        await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return Hosting.ExitCodes.Success;
    }

    private static async Task<MockIssuer> StartAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            return await MockIssuer.StartAsync(new MockIssuerOptions { Port = port }, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            // Kestrel reports a taken port as an IOException wrapping the socket error.
            throw new StartupException($"cannot listen on 127.0.0.1:{port} ({(ex.InnerException ?? ex).Message}). Pick another --port, or 0 for any free port.", ex);
        }
    }
}
