using AppServer.Cli;
using AppServer.NativeImage;

namespace AppServer;

internal static class Program
{
    private static int Main(string[] args)
    {
        StartupMemory.ReleaseStartupData();

        // stdout carries protocol frames only. Anything that writes through Console.Out (a library,
        // a stray WriteLine) lands on stderr instead; the protocol writes to the raw stdout stream.
        var stdout = Console.Out;
        Console.SetOut(Console.Error);
        return AppCommandLine.Run(args, stdout, Console.Error);
    }
}
