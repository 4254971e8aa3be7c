using AppServer.Cli;

namespace AppServer.Tests.Cli;

public sealed class TerminalColorTests
{
    [Theory]
    [InlineData(false, null, "xterm-256color", true)]
    [InlineData(true, null, "xterm-256color", false)]
    [InlineData(false, "1", "xterm-256color", false)]
    [InlineData(false, "", "xterm-256color", true)]
    [InlineData(false, null, "dumb", false)]
    [InlineData(false, null, null, true)]
    public void Allowed_TerminalNoColorAndTerm_DecideTogether(bool redirected, string? noColor, string? term, bool expected)
    {
        var environment = new Dictionary<string, string?> { ["NO_COLOR"] = noColor, ["TERM"] = term };

        TerminalColor.Allowed(redirected, name => environment.GetValueOrDefault(name)).Should().Be(expected);
    }
}
