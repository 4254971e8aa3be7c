using System.CommandLine;
using AppServer.Hosting;

namespace AppServer.Cli;

/// <summary>
/// The <c>appserver</c> command line. With no verb it serves JSON-RPC on stdio, which is how IDEs
/// spawn it.
/// </summary>
internal static class AppCommandLine
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("AppServer: the auth app-server IDEs spawn. Speaks JSON-RPC on stdin/stdout.");
        var serve = new ServeCommand(stderr);
        serve.AddTo(root);
        var serveCommand = serve.Create();
        root.Subcommands.Add(serveCommand);
        root.Subcommands.Add(StatusCommand.Create(stdout, stderr));
        root.Subcommands.Add(LoginCommand.Create(stdout, stderr, Console.In));
        root.Subcommands.Add(LogoutCommand.Create(stdout, stderr));
        root.Subcommands.Add(DemoCommand.Create(stdout));
        root.Subcommands.Add(DevIssuerCommand.Create(stdout, stderr));
        SchemaCommands.AddTo(root, stdout, stderr);

        var parsed = root.Parse(args);
        if (UsageErrors.Find(parsed, root, serveCommand) is { } error)
        {
            stderr.WriteLine($"appserver: {error} Run 'appserver --help' for usage.");
            return ExitCodes.Usage;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
