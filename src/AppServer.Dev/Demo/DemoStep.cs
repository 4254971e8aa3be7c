namespace AppServer.Dev.Demo;

/// <summary>One step of the demo: what was expected, whether it held, and the token-endpoint calls it made.</summary>
internal sealed record DemoStep(string Title, string Expectation, bool Held, int TokenCalls, string? Problem = null);
