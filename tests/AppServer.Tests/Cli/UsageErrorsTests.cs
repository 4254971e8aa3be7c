using System.CommandLine;
using AppServer.Cli;

namespace AppServer.Tests.Cli;

/// <summary>The one-line usage errors built from System.CommandLine's parse messages.</summary>
public sealed class UsageErrorsTests
{
    [Theory]
    [InlineData("abc", "'abc' is not a valid value for --port: expected a whole number.")]
    [InlineData("it's' for option 'x", "'it's' for option 'x' is not a valid value for --port: expected a whole number.")]
    [InlineData("", "'' is not a valid value for --port: expected a whole number.")]
    public void BadOptionValue_IsOneSentenceNamingTheOptionAndWhatItTakes(string value, string expected)
    {
        var root = new RootCommand { new Option<int>("--port") };

        var error = UsageErrors.Find(root.Parse(["--port", value]), root, root);

        error.Should().Be(expected);
    }

    [Fact]
    public void BadArgumentOfACommand_WithSuggestions_PassesThroughAsItIs()
    {
        var root = new RootCommand { new Argument<bool>("enabled") };

        var error = UsageErrors.Find(root.Parse(["maybe"]), root, root);

        error.Should().StartWith("Cannot parse argument 'maybe' for command ").And.EndWith("Did you mean one of the following? False True.");
    }

    [Fact]
    public void OtherParseErrors_PassThroughAsASentence()
    {
        var root = new RootCommand { new Option<int>("--port") };

        var error = UsageErrors.Find(root.Parse(["--nope"]), root, root);

        error.Should().Be("Unrecognized command or argument '--nope'.");
    }
}
