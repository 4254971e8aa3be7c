using System.Diagnostics;

namespace AppServer.Auth.Tests.TestSupport;

/// <summary>
/// A real, tiny tmpfs mounted on a fresh directory (the tests run as root), so "the disk is full"
/// and "the file system is read-only" are the kernel's own answers, not simulations.
/// </summary>
internal sealed class SmallFileSystem : IDisposable
{
    private readonly TempDirectory _parent = new();
    private bool _mounted;

    public SmallFileSystem(int kilobytes = 64)
    {
        Path = _parent.Combine("fs");
        Directory.CreateDirectory(Path);
        Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k,mode=0755", "tmpfs", Path);
        _mounted = true;
    }

    public string Path { get; }

    public string FillerPath => System.IO.Path.Combine(Path, "filler");

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes a filler file until the kernel answers ENOSPC.</summary>
    public void Fill()
    {
        using var filler = new FileStream(FillerPath, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 0);
        var block = new byte[1024];
        try
        {
            while (true)
            {
                filler.Write(block);
            }
        }
        catch (IOException)
        {
            // Full.
        }

        // Byte by byte for the last partial block, so not even a small write fits.
        try
        {
            while (true)
            {
                filler.Write(block.AsSpan(0, 1));
            }
        }
        catch (IOException)
        {
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

        _parent.Dispose();
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
