namespace AppServer.DevIssuer.Tests;

/// <summary>Tests that swap <see cref="Console.Out"/>; they must not share the process with others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";
}
