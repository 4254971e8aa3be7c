namespace AppServer.Bench.Driver;

/// <summary>A temporary CODEX_HOME holding an API-key <c>auth.json</c>; deleted on dispose.</summary>
internal sealed class BenchHome : IDisposable
{
    public const string AuthJson = """{"auth_mode":"apikey","OPENAI_API_KEY":"sk-bench"}""";

    private BenchHome(string path) => Path = path;

    public string Path { get; }

    public static BenchHome Create()
    {
        var directory = Directory.CreateTempSubdirectory("appserver-bench-");
        File.WriteAllText(System.IO.Path.Combine(directory.FullName, "auth.json"), AuthJson);
        return new BenchHome(directory.FullName);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A server still shutting down may hold a file for a moment; the temp folder is harmless.
        }
    }
}
