using System.CommandLine;
using AppServer.Auth.Revoke;

namespace AppServer.Cli;

/// <summary>
/// <c>appserver logout</c>: deletes auth.json (running servers notice and notify their clients),
/// then waits for the issuer to revoke the old ChatGPT tokens and says how that went.
/// </summary>
internal static class LogoutCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("logout", """
            Remove the stored credentials from CODEX_HOME and revoke ChatGPT tokens at the issuer.
            The local logout always happens; the revoke is best effort and waits at most 10 s.

            Examples:
              appserver logout
            """);
        command.SetAction((_, _) => RunAsync(stdout, stderr));
        return command;
    }

    private static async Task<int> RunAsync(TextWriter stdout, TextWriter stderr)
    {
        var session = CliSession.Open(stderr);
        if (session is null)
        {
            return Hosting.ExitCodes.ConnectionFailed;
        }

        await using (session.ConfigureAwait(false))
        {
            bool existed;
            try
            {
                existed = session.Core.Manager.Logout();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"appserver: logout failed: {Handlers.Login.LoginErrors.Describe(ex)}");
                return Hosting.ExitCodes.ConnectionFailed;
            }

            stdout.WriteLine(existed ? "Logged out." : "Not logged in; nothing to remove.");
            foreach (var outcome in await session.Core.Revocations.DrainAsync().ConfigureAwait(false))
            {
                stdout.WriteLine(Describe(outcome));
            }

            return Hosting.ExitCodes.Success;
        }
    }

    private static string Describe(RevokeOutcome outcome) => outcome.Revoked
        ? $"Revoked the {Hint(outcome)} at the issuer."
        : $"Could not revoke the {Hint(outcome)} at the issuer ({outcome.Detail}); the local credentials are removed.";

    private static string Hint(RevokeOutcome outcome) =>
        outcome.TypeHint == RevocableToken.RefreshTokenHint ? "refresh token" : "access token";
}
