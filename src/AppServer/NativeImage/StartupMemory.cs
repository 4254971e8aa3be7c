using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace AppServer.NativeImage;

/// <summary>
/// The managed half of <c>startup_memory.c</c>, which the Linux NativeAOT binary links: it
/// releases the start-up type data the runtime has finished with and keeps what both steps did,
/// for a debug line once logging exists. Elsewhere (a JIT build, another OS) there is no native
/// half and this does nothing.
/// </summary>
internal static partial class StartupMemory
{
    private static long s_populatedBytes;
    private static long s_releasedBytes;

    private static bool IsLinked => OperatingSystem.IsLinux() && !RuntimeFeature.IsDynamicCodeSupported;

    /// <summary>Called first thing in <c>Main</c>: the runtime has expanded its type data by then.</summary>
    public static void ReleaseStartupData()
    {
        if (IsLinked)
        {
            s_releasedBytes = ReleaseDehydratedData(out s_populatedBytes);
        }
    }

    public static void Log(ILogger logger)
    {
        if (IsLinked)
        {
            LogAdjusted(logger, s_populatedBytes / 1024, s_releasedBytes / 1024);
        }
    }

    [LibraryImport("appserver_native", EntryPoint = "appserver_release_dehydrated_data")]
    private static partial long ReleaseDehydratedData(out long populatedBytes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Native image: {PopulatedKiB} KiB of type data populated before start, {ReleasedKiB} KiB of start-up data released")]
    private static partial void LogAdjusted(ILogger logger, long populatedKiB, long releasedKiB);
}
