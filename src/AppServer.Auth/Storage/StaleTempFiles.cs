using System.Globalization;
using System.Runtime.InteropServices;

namespace AppServer.Auth.Storage;

/// <summary>
/// The temp files of atomic writes are named <c>.&lt;file&gt;.&lt;pid&gt;.&lt;random&gt;.tmp</c>. A writer
/// killed between creating one and renaming it leaves it behind, <c>0600</c> and holding tokens; this
/// removes those whose writing process is gone. A live process's temp file is never touched: it may
/// be renamed into place a moment later.
/// </summary>
internal static partial class StaleTempFiles
{
    private const string Suffix = ".tmp";

    public static string NameFor(string fileName, int pid, ReadOnlySpan<byte> random) =>
        $".{fileName}.{pid.ToString(CultureInfo.InvariantCulture)}.{Convert.ToHexStringLower(random)}{Suffix}";

    /// <summary>Deletes the leftovers beside <paramref name="path"/> of writers that no longer run; returns how many. Never throws.</summary>
    public static int RemoveDeadWriters(string path)
    {
        string fullPath = Path.GetFullPath(path);
        string? directory = Path.GetDirectoryName(fullPath);
        if (directory is null)
        {
            return 0;
        }

        string prefix = "." + Path.GetFileName(fullPath) + ".";
        int removed = 0;
        try
        {
            foreach (string candidate in Directory.EnumerateFiles(directory, prefix + "*" + Suffix))
            {
                if (WriterPid(Path.GetFileName(candidate), prefix) is { } pid && pid != Environment.ProcessId && !IsAlive(pid))
                {
                    try
                    {
                        File.Delete(candidate);
                        removed++;
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        // Someone else removed it first, or the directory is read-only: nothing to do.
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No directory, or not listable: there is nothing this writer could clean anyway.
        }

        return removed;
    }

    private static int? WriterPid(string name, string prefix)
    {
        // ".auth.json.<pid>.<hex>.tmp": the pid is the segment right after the prefix.
        ReadOnlySpan<char> rest = name.AsSpan(prefix.Length, name.Length - prefix.Length - Suffix.Length);
        int dot = rest.IndexOf('.');
        if (dot <= 0 || rest[(dot + 1)..].IndexOf('.') >= 0)
        {
            return null;
        }

        return int.TryParse(rest[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0 ? pid : null;
    }

    private static bool IsAlive(int pid)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        // kill(pid, 0) probes existence without sending anything; EPERM still means it exists (another
        // user's process), and anything but ESRCH is treated as alive, so a doubt never deletes.
        return Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() != Esrch;
    }

    private const int Esrch = 3;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
