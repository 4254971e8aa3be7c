using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace AppServer.Hosting;

/// <summary>
/// The id of the process that created this one, on Windows (where there is no <c>getppid</c>):
/// <c>InheritedFromUniqueProcessId</c> from <c>NtQueryInformationProcess</c>, the documented way
/// to read it without a snapshot of every process. Built everywhere, run only on Windows.
/// </summary>
[SupportedOSPlatform("windows")]
internal static partial class WindowsParentProcess
{
    public static int? GetParentPid()
    {
        using var self = Process.GetCurrentProcess();
        var info = default(ProcessBasicInformation);
        var status = NtQueryInformationProcess(self.Handle, ProcessBasicInformationClass, ref info, Marshal.SizeOf<ProcessBasicInformation>(), out _);
        return status == 0 ? (int)info.InheritedFromUniqueProcessId : null;
    }

    private const int ProcessBasicInformationClass = 0;

    [StructLayout(LayoutKind.Sequential)]
    private struct ProcessBasicInformation
    {
        public nint ExitStatus;
        public nint PebBaseAddress;
        public nint AffinityMask;
        public nint BasePriority;
        public nint UniqueProcessId;
        public nint InheritedFromUniqueProcessId;
    }

    [LibraryImport("ntdll.dll")]
    private static partial int NtQueryInformationProcess(nint processHandle, int processInformationClass, ref ProcessBasicInformation processInformation, int processInformationLength, out int returnLength);
}
