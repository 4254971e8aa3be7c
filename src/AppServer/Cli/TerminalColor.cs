namespace AppServer.Cli;

/// <summary>
/// Whether output may carry ANSI colour: only to a terminal, never when <c>NO_COLOR</c> is set to
/// anything (no-color.org) or <c>TERM</c> is <c>dumb</c> (a terminal that cannot show it, such as an
/// editor's output pane). The stderr logger writes plain text always, so this governs the demo only.
/// </summary>
internal static class TerminalColor
{
    public static bool Allowed(bool outputRedirected) => Allowed(outputRedirected, Environment.GetEnvironmentVariable);

    public static bool Allowed(bool outputRedirected, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return !outputRedirected
            && environment("NO_COLOR") is not { Length: > 0 }
            && !string.Equals(environment("TERM"), "dumb", StringComparison.Ordinal);
    }
}
