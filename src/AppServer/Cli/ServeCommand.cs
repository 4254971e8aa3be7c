using System.CommandLine;
using AppServer.Auth;
using AppServer.Framing;
using AppServer.Hosting;
using AppServer.NativeImage;

namespace AppServer.Cli;

/// <summary><c>appserver serve</c> (also the bare <c>appserver</c>): JSON-RPC on stdin/stdout.</summary>
internal sealed class ServeCommand
{
    private readonly Option<string?> _logLevel = new("--log-level")
    {
        Description = $"Log level on stderr: trace, debug, info, warn, error, critical, none. Default: {Logging.LevelVariable} or warn.",
    };

    private readonly Option<int?> _parentPid = new("--parent-pid")
    {
        Description = "Exit when this process exits (the IDE's pid). Without it the server watches its own parent.",
    };

    private readonly Option<string?> _issuer = new("--issuer")
    {
        Description = $"Login issuer for browser and device-code login. Default: {LoginSettings.IssuerVariable} or https://auth.openai.com.",
    };

    private readonly Option<string> _encoding = new("--encoding")
    {
        Description = "Message encoding: json (lines or Content-Length headers, detected from the first bytes) or msgpack (MessagePack with 4-byte big-endian length prefixes).",
        DefaultValueFactory = _ => "json",
    };

    private readonly Option<int> _maxMessageBytes = new("--max-message-bytes")
    {
        Description = "Largest incoming message in bytes; a larger one is refused with -32600 and skipped.",
        DefaultValueFactory = _ => FramingOptions.DefaultMaxMessageBytes,
    };

    /// <summary>Printed when stdin is a terminal; an IDE's pipe never sees it.</summary>
    public const string TerminalHint =
        "appserver: this is the auth server an IDE spawns; it now waits for JSON-RPC on stdin (Ctrl+C to stop). To try it by hand, run 'appserver --help' or the offline demo from the README.";

    private readonly TextWriter _stderr;

    public ServeCommand(TextWriter stderr)
    {
        _stderr = stderr;
        _encoding.AcceptOnlyFromAmong("json", "msgpack");
        _logLevel.Validators.Add(result =>
        {
            if (OptionValues.TryGet<string?>(result, out var text) && !Logging.TryParseLevel(text, out _))
            {
                result.AddError($"unknown log level '{text}'. Use trace, debug, info, warn, error, critical or none.");
            }
        });
        _parentPid.Validators.Add(result =>
        {
            if (OptionValues.TryGet<int?>(result, out var pid) && pid is { } value && ParentPidProblem(value) is { } problem)
            {
                result.AddError(problem);
            }
        });
        _maxMessageBytes.Validators.Add(result =>
        {
            if (OptionValues.TryGet<int>(result, out var bytes) && bytes <= 0)
            {
                result.AddError("--max-message-bytes must be a positive number of bytes.");
            }
        });
    }

    public Command Create()
    {
        var serve = new Command("serve", """
            Serve JSON-RPC on stdin/stdout (the default). This is how an IDE spawns AppServer.

            Examples:
              appserver
              appserver serve --log-level debug --parent-pid 4242
              appserver serve --encoding msgpack
              CODEX_HOME=/tmp/home CODEX_REFRESH_TOKEN_URL_OVERRIDE=http://127.0.0.1:8765/oauth/token appserver
            """);
        AddTo(serve);
        return serve;
    }

    /// <summary>The options and action on <paramref name="command"/> (the root serves too).</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_logLevel);
        command.Options.Add(_parentPid);
        command.Options.Add(_issuer);
        command.Options.Add(_encoding);
        command.Options.Add(_maxMessageBytes);
        command.SetAction(Run);
    }

    /// <summary>Why <paramref name="pid"/> cannot be watched, or null: a watchdog on a process that is not there would end the server at once.</summary>
    private static string? ParentPidProblem(int pid)
    {
        if (pid <= 0)
        {
            return $"--parent-pid must be a positive process id, not {pid}.";
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return $"--parent-pid {pid} is not a running process.";
        }
    }

    private int Run(ParseResult result)
    {
        var levelText = result.GetValue(_logLevel) ?? Environment.GetEnvironmentVariable(Logging.LevelVariable);
        if (!Logging.TryParseLevel(levelText, out var level))
        {
            _stderr.WriteLine($"appserver: unknown log level '{levelText}'. Use trace, debug, info, warn, error, critical or none.");
            return ExitCodes.Usage;
        }

        if (!LoginSettings.TryCreate(result.GetValue(_issuer), out var login, out var loginError))
        {
            _stderr.WriteLine($"appserver: {loginError}");
            return ExitCodes.Usage;
        }

        var framing = new FramingOptions
        {
            Encoding = result.GetValue(_encoding) == "msgpack" ? WireEncoding.MessagePack : WireEncoding.Json,
            MaxMessageBytes = result.GetValue(_maxMessageBytes),
        };
        if (!Console.IsInputRedirected)
        {
            // A person typed `appserver` at a prompt: without this line it would look hung.
            _stderr.WriteLine(TerminalHint);
        }

        // The first request's contracts are built on the other core while the transport is wired.
        ContractWarmup.Start();
        using var loggerFactory = Logging.CreateFactory(level);
        StartupMemory.Log(loggerFactory.CreateLogger("AppServer.NativeImage"));
        var services = new AppServices(new AppServerSettings { Home = CodexHome.FromEnvironment(), Login = login, Framing = framing }, loggerFactory);
        return new StdioServer(services, new ServeOptions(level, result.GetValue(_parentPid))).RunAsync().GetAwaiter().GetResult();
    }
}
