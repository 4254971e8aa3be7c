using System.CommandLine;
using AppServer.Hosting;

namespace AppServer.Cli;

/// <summary>
/// The <c>appserver</c> command line. With no verb it serves JSON-RPC on stdio, which is how IDEs
/// spawn it. The developer executable (<c>appserver-dev</c>) runs the same command line with its
/// own verbs added.
/// </summary>
internal static class AppCommandLine
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdout, stderr, CommandLineIdentity.AppServer, addVerbs: null);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CommandLineIdentity identity, Action<RootCommand>? addVerbs)
    {
        var root = new RootCommand(identity.Description);
        var serve = new ServeCommand(stderr);
        serve.AddTo(root);
        var serveCommand = serve.Create();
        root.Subcommands.Add(serveCommand);
        root.Subcommands.Add(StatusCommand.Create(stdout, stderr));
        root.Subcommands.Add(LoginCommand.Create(stdout, stderr, Console.In));
        root.Subcommands.Add(LogoutCommand.Create(stdout, stderr));
        addVerbs?.Invoke(root);

        var parsed = root.Parse(args);
        if (UsageErrors.Find(parsed, root, serveCommand) is { } error)
        {
            stderr.WriteLine($"{identity.Name}: {error} Run '{identity.Name} --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            // The parser's default handler would print an exception with its stack trace and exit 1;
            // what escapes a verb is reported here instead, as one line.
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (StartupException ex)
        {
            stderr.WriteLine($"{identity.Name}: {OneLine(ex.Message)}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            // A stop signal that reached past the verb: the user asked for it.
            return ExitCodes.Success;
        }
        catch (Exception ex)
        {
            // Only the type: an unexpected exception's message may quote input it was given.
            stderr.WriteLine($"{identity.Name}: the command failed unexpectedly ({ex.GetType().Name}).");
            return ExitCodes.ConnectionFailed;
        }
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
