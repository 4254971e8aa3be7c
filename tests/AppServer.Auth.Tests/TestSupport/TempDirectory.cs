namespace AppServer.Auth.Tests.TestSupport;

/// <summary>A unique directory under the system temp path, removed (permissions restored first) on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "appserver-auth-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        if (!OperatingSystem.IsWindows())
        {
            // Traversable by other users whatever the umask, so UnprivilegedFileAccess reaches inside.
            File.SetUnixFileMode(Path, UnixPermissions.Mode0755);
        }
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Names of every entry directly inside <paramref name="directory"/> (default: the root).</summary>
    public string[] ListNames(string? directory = null) =>
        [.. Directory.EnumerateFileSystemEntries(directory ?? Path).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal)!];

    public void Dispose()
    {
        if (!Directory.Exists(Path))
        {
            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            // Tests make directories read-only; a non-root runner could not delete inside them otherwise.
            foreach (string directory in Directory.EnumerateDirectories(Path, "*", SearchOption.AllDirectories).Prepend(Path))
            {
                File.SetUnixFileMode(directory, UnixPermissions.Mode0755 | UnixFileMode.UserWrite);
            }
        }

        Directory.Delete(Path, recursive: true);
    }
}
