namespace AppServer.Dev.Schema;

/// <summary>One generated output file: its name inside the output folder and its exact text.</summary>
internal sealed record GeneratedFile(string Name, string Content);
