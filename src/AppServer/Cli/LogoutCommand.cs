using System.CommandLine;

namespace AppServer.Cli;

/// <summary><c>appserver logout</c>: deletes auth.json (running servers notice and notify their clients).</summary>
internal static class LogoutCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("logout", """
            Remove the stored credentials from CODEX_HOME.

            Examples:
              appserver logout
            """);
        command.SetAction(_ =>
        {
            using var session = CliSession.Open(stderr);
            if (session is null)
            {
                return Hosting.ExitCodes.ConnectionFailed;
            }

            try
            {
                stdout.WriteLine(session.Core.Manager.Logout() ? "Logged out." : "Not logged in; nothing to remove.");
                return Hosting.ExitCodes.Success;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"appserver: logout failed: {Handlers.Login.LoginErrors.Describe(ex)}");
                return Hosting.ExitCodes.ConnectionFailed;
            }
        });
        return command;
    }
}
