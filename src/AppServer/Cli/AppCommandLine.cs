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

        var serve = new Command("serve", "Serve JSON-RPC on stdin/stdout (the default).");
        var root = new RootCommand("AppServer: the auth app-server IDEs spawn. Speaks JSON-RPC on stdin/stdout.");
        root.Options.Add(logLevel);
        root.Options.Add(parentPid);
        serve.Options.Add(logLevel);
        serve.Options.Add(parentPid);
        root.Subcommands.Add(serve);
        SchemaCommands.AddTo(root, stdout, stderr);

        Func<ParseResult, int> runServer = result => Serve(result.GetValue(logLevel), result.GetValue(parentPid), stderr);
        root.SetAction(runServer);
        serve.SetAction(runServer);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            stderr.WriteLine($"appserver: {parsed.Errors[0].Message} Run 'appserver --help' for usage.");
            return ExitCodes.Usage;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    private static int Serve(string? logLevelOption, int? parentPid, TextWriter stderr)
    {
        var levelText = logLevelOption ?? Environment.GetEnvironmentVariable(Logging.LevelVariable);
        if (!Logging.TryParseLevel(levelText, out var level))
        {
            stderr.WriteLine($"appserver: unknown log level '{levelText}'. Use trace, debug, info, warn, error, critical or none.");
            return ExitCodes.Usage;
        }

        using var loggerFactory = Logging.CreateFactory(level);
        var services = new AppServices(new AppServerSettings { Home = CodexHome.FromEnvironment() }, loggerFactory);
        return new StdioServer(services, new ServeOptions(level, parentPid)).RunAsync().GetAwaiter().GetResult();
    }
}
