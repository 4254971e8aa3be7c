using System.CommandLine;
using AppServer.Auth;
using AppServer.Hosting;
using Microsoft.Extensions.Logging;

namespace AppServer.Cli;

/// <summary>
/// The <c>appserver</c> command line. With no verb it serves JSON-RPC on stdio, which is how IDEs
/// spawn it.
/// </summary>
internal static class AppCommandLine
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var logLevel = new Option<string?>("--log-level")
        {
            Description = $"Log level on stderr: trace, debug, info, warn, error, critical, none. Default: {Logging.LevelVariable} or warn.",
        };
        var parentPid = new Option<int?>("--parent-pid")
        {
            Description = "Exit when this process exits (the IDE's pid). Without it the server watches its own parent.",
        };

        var issuer = new Option<string?>("--issuer")
        {
            Description = $"Login issuer for browser and device-code login. Default: {LoginSettings.IssuerVariable} or https://auth.openai.com.",
        };

        var serve = new Command("serve", """
            Serve JSON-RPC on stdin/stdout (the default). This is how an IDE spawns AppServer.

            Examples:
              appserver
              appserver serve --log-level debug --parent-pid 4242
              CODEX_HOME=/tmp/home CODEX_REFRESH_TOKEN_URL_OVERRIDE=http://127.0.0.1:8765/oauth/token appserver
            """);
        var root = new RootCommand("AppServer: the auth app-server IDEs spawn. Speaks JSON-RPC on stdin/stdout.");
        root.Options.Add(logLevel);
        root.Options.Add(parentPid);
        root.Options.Add(issuer);
        serve.Options.Add(logLevel);
        serve.Options.Add(parentPid);
        serve.Options.Add(issuer);
        root.Subcommands.Add(serve);

        root.Subcommands.Add(StatusCommand.Create(stdout, stderr));
        root.Subcommands.Add(LoginCommand.Create(stdout, stderr, Console.In));
        root.Subcommands.Add(LogoutCommand.Create(stdout, stderr));
        root.Subcommands.Add(DevIssuerCommand.Create(stdout, stderr));

        var demo = new Command("demo", """
            Run the offline demo: a mock issuer in this process, real servers spawned over stdio, and
            every promise shown step by step with token-endpoint call counts. Exit 0 when all held.

            Examples:
              appserver demo
              dotnet run --project src/AppServer -- demo
            """);
        demo.SetAction(_ => RunDemo(stdout));
        root.Subcommands.Add(demo);

        Func<ParseResult, int> runServer = result => Serve(result.GetValue(logLevel), result.GetValue(parentPid), result.GetValue(issuer), stderr);
        root.SetAction(runServer);
        serve.SetAction(runServer);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line, whatever the parser's message looks like (some list choices on separate lines).
            var message = string.Join(' ', parsed.Errors[0].Message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            stderr.WriteLine($"appserver: {message} Run 'appserver --help' for usage.");
            return ExitCodes.Usage;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    private static int RunDemo(TextWriter stdout)
    {
        // Colour and emphasis on a terminal; plain text when piped or redirected.
        var decorate = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
        return new Demo.DemoRunner(stdout, decorate).RunAsync().GetAwaiter().GetResult();
    }

    private static int Serve(string? logLevelOption, int? parentPid, string? issuer, TextWriter stderr)
    {
        var levelText = logLevelOption ?? Environment.GetEnvironmentVariable(Logging.LevelVariable);
        if (!Logging.TryParseLevel(levelText, out var level))
        {
            stderr.WriteLine($"appserver: unknown log level '{levelText}'. Use trace, debug, info, warn, error, critical or none.");
            return ExitCodes.Usage;
        }

        if (!LoginSettings.TryCreate(issuer, out var login, out var loginError))
        {
            stderr.WriteLine($"appserver: {loginError}");
            return ExitCodes.Usage;
        }

        using var loggerFactory = Logging.CreateFactory(level);
        var services = new AppServices(new AppServerSettings { Home = CodexHome.FromEnvironment(), Login = login }, loggerFactory);
        return new StdioServer(services, new ServeOptions(level, parentPid)).RunAsync().GetAwaiter().GetResult();
    }
}
