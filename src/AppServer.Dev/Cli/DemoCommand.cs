using System.CommandLine;
using AppServer.Cli;

namespace AppServer.Dev.Cli;

/// <summary><c>appserver-dev demo</c>: the offline walk-through.</summary>
internal static class DemoCommand
{
    public static Command Create(TextWriter stdout)
    {
        var demo = new Command("demo", """
            Run the offline demo: a mock issuer in this process, real servers spawned over stdio, and
            every promise shown step by step with token-endpoint call counts. Exit 0 when all held.

            Examples:
              appserver-dev demo
              dotnet run --project src/AppServer.Dev -- demo
            """);
        demo.SetAction(_ =>
        {
            // Colour and emphasis on a terminal; plain text when piped or redirected.
            var decorate = TerminalColor.Allowed(Console.IsOutputRedirected);
            return new Demo.DemoRunner(stdout, decorate).RunAsync().GetAwaiter().GetResult();
        });
        return demo;
    }
}
