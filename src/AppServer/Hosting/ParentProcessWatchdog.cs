using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace AppServer.Hosting;

/// <summary>
/// Ends the server when the process that spawned it dies, even if stdin stays open (an IDE killed
/// with SIGKILL can leave the pipe held by a grandchild). With <c>--parent-pid</c> it watches that
/// process; otherwise it watches the parent it started with (on Unix by noticing the re-parenting,
/// on Windows, where orphans keep their recorded parent id, by watching that id).
/// </summary>
internal static partial class ParentProcessWatchdog
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static async Task WaitForParentExitAsync(int? parentPid, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            await WaitOnWindowsAsync(parentPid, cancellationToken).ConfigureAwait(false);
            return;
        }

        var originalParent = GetParentPid();
        using var timer = new PeriodicTimer(PollInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            if (parentPid is { } pid ? !IsAliveOnUnix(pid) : GetParentPid() != originalParent)
            {
                return;
            }
        }
    }

    /// <summary>True when <paramref name="pid"/> names a running process (used to validate <c>--parent-pid</c>).</summary>
    public static bool IsAlive(int pid) => OperatingSystem.IsWindows() ? IsAliveOnWindows(pid, notStartedAfter: null) : IsAliveOnUnix(pid);

    private static bool IsAliveOnUnix(int pid) =>
        // kill(pid, 0) probes existence without sending anything; EPERM still means it exists.
        Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == EPERM;

    [SupportedOSPlatform("windows")]
    private static async Task WaitOnWindowsAsync(int? parentPid, CancellationToken cancellationToken)
    {
        // A Windows pid is reused once its process is gone: a process with the parent's id that
        // started after this one cannot be the parent.
        DateTime? startedBefore = parentPid is null ? Process.GetCurrentProcess().StartTime : null;
        var pid = parentPid ?? WindowsParentProcess.GetParentPid();
        if (pid is not { } watched)
        {
            return;
        }

        using var timer = new PeriodicTimer(PollInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!IsAliveOnWindows(watched, startedBefore))
            {
                return;
            }
        }
    }

    [SupportedOSPlatform("windows")]
    private static bool IsAliveOnWindows(int pid, DateTime? notStartedAfter)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && (notStartedAfter is not { } limit || process.StartTime <= limit);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
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
