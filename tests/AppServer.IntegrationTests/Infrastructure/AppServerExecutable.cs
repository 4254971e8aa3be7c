namespace AppServer.IntegrationTests.Infrastructure;

/// <summary>
/// Where the real <c>appserver</c> binary is: <c>APPSERVER_EXE</c> when set (CI points it at the
/// published or NativeAOT build), else the build output of the same configuration as these tests.
/// The developer executable (<c>appserver-dev</c>: demo, dev-issuer) likewise, from <c>APPSERVER_DEV_EXE</c>.
/// </summary>
internal static class AppServerExecutable
{
    public const string Variable = "APPSERVER_EXE";

    public const string DevVariable = "APPSERVER_DEV_EXE";

    public static string Path { get; } = Locate(Variable, "AppServer", "appserver");

    public static string DevPath { get; } = Locate(DevVariable, "AppServer.Dev", "appserver-dev");

    /// <summary>A NativeAOT binary (no managed <c>appserver.dll</c> beside it).</summary>
    public static bool IsNative { get; } = !File.Exists(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, "appserver.dll"));

    /// <summary>How every test starts the executable: all pipes redirected, a given CODEX_HOME, no inherited server settings.</summary>
    public static System.Diagnostics.ProcessStartInfo StartInfo(string codexHome, IReadOnlyDictionary<string, string>? environment, IEnumerable<string> arguments, string? executable = null)
    {
        var start = new System.Diagnostics.ProcessStartInfo(executable ?? Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CODEX_HOME"] = codexHome;
        foreach (var inherited in new[] { "CODEX_REFRESH_TOKEN_URL_OVERRIDE", "CODEX_REVOKE_TOKEN_URL_OVERRIDE", "CODEX_APP_SERVER_LOGIN_ISSUER", "APPSERVER_LOG", "DISPLAY", "WAYLAND_DISPLAY" })
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static string Locate(string variable, string project, string assembly)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured)
        {
            return System.IO.Path.GetFullPath(configured);
        }

        // tests/AppServer.IntegrationTests/bin/<Configuration>/net10.0/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(System.IO.Path.Combine(root.FullName, "AppServer.sln")))
        {
            root = root.Parent;
        }

        var name = OperatingSystem.IsWindows() ? $"{assembly}.exe" : assembly;
        var candidate = System.IO.Path.Combine(root!.FullName, "src", project, "bin", configuration, "net10.0", name);
        return File.Exists(candidate) ? candidate : throw new FileNotFoundException($"Build src/{project} first or set {variable}.", candidate);
    }
}
