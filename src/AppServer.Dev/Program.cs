using AppServer.Cli;
using AppServer.Dev.Cli;

namespace AppServer.Dev;

internal static class Program
{
    private static int Main(string[] args)
    {
        // As in appserver: stdout carries protocol frames only (this executable serves too).
        var stdout = Console.Out;
        Console.SetOut(Console.Error);
        return AppCommandLine.Run(args, stdout, Console.Error, new CommandLineIdentity(
            "appserver-dev",
            "AppServer developer tools: every appserver verb, plus the offline demo and the mock issuer."),
            root =>
            {
                root.Subcommands.Add(DemoCommand.Create(stdout));
                root.Subcommands.Add(DevIssuerCommand.Create(stdout, Console.Error));
            });
    }
}
