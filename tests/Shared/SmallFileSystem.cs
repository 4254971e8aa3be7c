using System.Diagnostics;

namespace AppServer.Testing;

/// <summary>
/// A real, tiny tmpfs mounted on a fresh directory (the tests run as root), so "the disk is full"
/// and "the file system is read-only" are the kernel's own answers, not simulations.
/// </summary>
internal sealed class SmallFileSystem : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("appserver-tmpfs-").FullName;
    private bool _mounted;

    /// <param name="kilobytes">The size of the file system.</param>
    /// <param name="mode">The octal mode of its root folder.</param>
    public SmallFileSystem(int kilobytes = 64, string mode = "0755")
    {
        Path = System.IO.Path.Combine(_parent, "fs");
        Directory.CreateDirectory(Path);
        Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k,mode={mode}", "tmpfs", Path);
        _mounted = true;
    }

    public string Path { get; }

    public string AuthFile => Combine("auth.json");

    public string FillerPath => Combine("filler");

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

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
                // Full at this granularity; the next, smaller one takes the last partial block.
            }
        }
    }

    public void Free() => File.Delete(FillerPath);

    public void MakeReadOnly() => Run("mount", "-o", "remount,ro", Path);

    public void MakeWritable() => Run("mount", "-o", "remount,rw", Path);

    public void Dispose()
    {
        if (_mounted)
        {
            Run("umount", "-l", Path);
            _mounted = false;
        }

        Directory.Delete(_parent, recursive: true);
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
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Trim()} (these tests need root to mount a tmpfs)");
        }
    }
}
