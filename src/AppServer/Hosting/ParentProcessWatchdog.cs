using System.Runtime.InteropServices;

namespace AppServer.Hosting;

/// <summary>
/// Ends the server when the process that spawned it dies, even if stdin stays open (an IDE killed
/// with SIGKILL can leave the pipe held by a grandchild). With <c>--parent-pid</c> it watches that
/// process; otherwise, on Unix, it notices being re-parented.
/// </summary>
internal static partial class ParentProcessWatchdog
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static async Task WaitForParentExitAsync(int? parentPid, CancellationToken cancellationToken)
    {
        var originalParent = OperatingSystem.IsWindows() ? 0 : GetParentPid();
        using var timer = new PeriodicTimer(PollInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            if (parentPid is { } pid ? !IsAlive(pid) : !OperatingSystem.IsWindows() && GetParentPid() != originalParent)
            {
                return;
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        if (!OperatingSystem.IsWindows())
        {
            // kill(pid, 0) probes existence without sending anything; EPERM still means it exists.
            return Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == EPERM;
        }

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

    private const int EPERM = 1;

    [LibraryImport("libc", EntryPoint = "getppid")]
    private static partial int GetParentPid();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
