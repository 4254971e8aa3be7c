using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace AppServer.Auth.Tests.TestSupport;

/// <summary>
/// Runs file-system code without root's permission bypass, so that "read-only directory" and
/// "unreadable file" tests mean something when the suite runs as root (containers, CI).
/// </summary>
/// <remarks>
/// On Linux, <c>setfsuid</c> is per thread: a dedicated thread switches its file-system uid to
/// <c>nobody</c>, which also drops CAP_DAC_OVERRIDE for that thread only, runs the action, and
/// switches back. A non-root runner is already subject to permissions and runs the action directly.
/// </remarks>
internal static class UnprivilegedFileAccess
{
    public const uint NobodyUid = 65534;

    public static void Run(Action action)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            action();
            return;
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Permission tests running as root need Linux setfsuid.");
        }

        Exception? failure = null;
        var thread = new Thread(() =>
        {
            SetFsUid(NobodyUid);
            try
            {
                // setfsuid reports no errors; an invalid id (-1) returns the current value unchanged.
                if (SetFsUid(uint.MaxValue) != (int)NobodyUid)
                {
                    throw new InvalidOperationException("setfsuid did not take effect.");
                }

                action();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            finally
            {
                SetFsUid(0);
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    // DllImport rather than LibraryImport, which would need unsafe code for this one blittable call.
    [DllImport("libc", EntryPoint = "setfsuid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetFsUid(uint fsuid);
}
