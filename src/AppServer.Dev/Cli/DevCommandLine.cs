using AppServer.Cli;

namespace AppServer.Dev.Cli;

/// <summary>The <c>appserver-dev</c> command line: every <c>appserver</c> verb, plus the developer ones.</summary>
internal static class DevCommandLine
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        AppCommandLine.Run(args, stdout, stderr, new CommandLineIdentity(
            "appserver-dev",
            "AppServer developer tools: every appserver verb, plus the offline demo, the mock issuer and the schema generators."),
            root =>
            {
                root.Subcommands.Add(DemoCommand.Create(stdout));
                root.Subcommands.Add(DevIssuerCommand.Create(stdout, stderr));
                SchemaCommands.AddTo(root, stdout, stderr);
            });
}
