namespace AppServer.Auth;

/// <summary>
/// Where the credentials live (docs/codex-compatibility.md §1.1): <c>CODEX_HOME</c> if set (it must name an existing
/// directory, and is canonicalised), else <c>~/.codex</c>, which is created on first save.
/// </summary>
internal sealed record CodexHome
{
    public const string Variable = "CODEX_HOME";

    private CodexHome(string path, string? error)
    {
        Path = path;
        Error = error;
    }

    /// <summary>Absolute path of the home (the configured text when it is invalid).</summary>
    public string Path { get; }

    /// <summary>Why the configured home is unusable, or <see langword="null"/> when it is fine.</summary>
    public string? Error { get; }

    public bool IsValid => Error is null;

    public string AuthFilePath => System.IO.Path.Combine(Path, "auth.json");

    public static CodexHome Resolve(string? configured)
    {
        if (string.IsNullOrEmpty(configured))
        {
            var userHome = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return new CodexHome(System.IO.Path.Combine(userHome, ".codex"), error: null);
        }

        var directory = new DirectoryInfo(configured);
        if (!directory.Exists)
        {
            // The reason names no path: error messages reach the client and must not carry file paths.
            return new CodexHome(configured, File.Exists(configured)
                ? "the configured path is not a directory"
                : "the configured directory does not exist");
        }

        var canonical = directory.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? directory.FullName;
        return new CodexHome(System.IO.Path.TrimEndingDirectorySeparator(canonical), error: null);
    }

    public static CodexHome FromEnvironment() => Resolve(Environment.GetEnvironmentVariable(Variable));
}
