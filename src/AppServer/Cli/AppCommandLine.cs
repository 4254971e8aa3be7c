using System.CommandLine;
using AppServer.Auth;
using AppServer.Framing;
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
        var encoding = new Option<string>("--encoding")
        {
            Description = "Message encoding: json (lines or Content-Length headers, detected from the first bytes) or msgpack (MessagePack with 4-byte big-endian length prefixes).",
            DefaultValueFactory = _ => "json",
        };
        encoding.AcceptOnlyFromAmong("json", "msgpack");
        var maxMessageBytes = new Option<int>("--max-message-bytes")
        {
            Description = "Largest incoming message in bytes; a larger one is refused with -32600 and skipped.",
            DefaultValueFactory = _ => FramingOptions.DefaultMaxMessageBytes,
        };
        maxMessageBytes.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
            {
                result.AddError("--max-message-bytes must be a positive number of bytes.");
            }
        });

        var serve = new Command("serve", "Serve JSON-RPC on stdin/stdout (the default).");
        var root = new RootCommand("AppServer: the auth app-server IDEs spawn. Speaks JSON-RPC on stdin/stdout.");
        root.Options.Add(logLevel);
        root.Options.Add(parentPid);
        root.Options.Add(encoding);
        root.Options.Add(maxMessageBytes);
        serve.Options.Add(logLevel);
        serve.Options.Add(parentPid);
        serve.Options.Add(encoding);
        serve.Options.Add(maxMessageBytes);
        root.Subcommands.Add(serve);

        Func<ParseResult, int> runServer = result =>
        {
            var framing = new FramingOptions
            {
                Encoding = result.GetValue(encoding) == "msgpack" ? WireEncoding.MessagePack : WireEncoding.Json,
                MaxMessageBytes = result.GetValue(maxMessageBytes),
            };
            return Serve(result.GetValue(logLevel), result.GetValue(parentPid), framing, stderr);
        };
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

    private static int Serve(string? logLevelOption, int? parentPid, FramingOptions framing, TextWriter stderr)
    {
        var levelText = logLevelOption ?? Environment.GetEnvironmentVariable(Logging.LevelVariable);
        if (!Logging.TryParseLevel(levelText, out var level))
        {
            stderr.WriteLine($"appserver: unknown log level '{levelText}'. Use trace, debug, info, warn, error, critical or none.");
            return ExitCodes.Usage;
        }

        using var loggerFactory = Logging.CreateFactory(level);
        var services = new AppServices(new AppServerSettings { Home = CodexHome.FromEnvironment(), Framing = framing }, loggerFactory);
        return new StdioServer(services, new ServeOptions(level, parentPid)).RunAsync().GetAwaiter().GetResult();
    }
}
