namespace AppServer.Testing;

/// <summary>A real, private temporary CODEX_HOME, deleted afterwards.</summary>
internal sealed class TempCodexHome : IDisposable
{
    public TempCodexHome()
    {
        Path = Directory.CreateTempSubdirectory("appserver-home-").FullName;
    }

    public string Path { get; }

    public string AuthFile => System.IO.Path.Combine(Path, "auth.json");

    public void WriteAuthJson(string json) => File.WriteAllText(AuthFile, json);

    public string ReadAuthJson() => File.ReadAllText(AuthFile);

    public void Dispose()
    {
        try
        {
            MakeWritable(Path);
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void MakeWritable(string directory)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
