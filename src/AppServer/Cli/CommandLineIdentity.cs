namespace AppServer.Cli;

/// <summary>The executable a command line belongs to: its name in messages, and its root description.</summary>
/// <param name="Name">What usage and startup errors start with (<c>appserver: …</c>).</param>
/// <param name="Description">The root command's help text.</param>
internal sealed record CommandLineIdentity(string Name, string Description)
{
    public static CommandLineIdentity AppServer { get; } = new(
        "appserver",
        "AppServer: the auth app-server IDEs spawn. Speaks JSON-RPC on stdin/stdout.");
}
