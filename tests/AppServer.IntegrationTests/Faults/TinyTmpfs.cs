using System.Diagnostics;

namespace AppServer.IntegrationTests.Faults;

/// <summary>A real 64 KiB tmpfs on a fresh directory (the suite runs as root), to fill up for real.</summary>
internal sealed class TinyTmpfs : IDisposable
{
    public TinyTmpfs()
    {
        Path = Directory.CreateTempSubdirectory("appserver-tmpfs-").FullName;
        Run("mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", Path);
    }

    public string Path { get; }

    public string AuthFile => System.IO.Path.Combine(Path, "auth.json");

    private string FillerPath => System.IO.Path.Combine(Path, "filler");

    /// <summary>Writes a filler file until the kernel answers ENOSPC, down to the last byte.</summary>
    public void Fill()
    {
        using var filler = new FileStream(FillerPath, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 0);
        foreach (var size in new[] { 1024, 1 })
        {
            try
            {
                while (true)
                {
                    filler.Write(new byte[size]);
                }
            }
            catch (IOException)
            {
                // Full at this granularity.
            }
        }
    }

    public void Free() => File.Delete(FillerPath);

    public void MakeReadOnly() => Run("mount", "-o", "remount,ro", Path);

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path, recursive: true);
    }

    private static void Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {error.Trim()} (this test needs root to mount a tmpfs)");
        }
    }
}
