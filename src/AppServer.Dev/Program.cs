using AppServer.Dev.Cli;

namespace AppServer.Dev;

internal static class Program
{
    private static int Main(string[] args)
    {
        // As in appserver: stdout carries protocol frames only (this executable serves too).
        var stdout = Console.Out;
        Console.SetOut(Console.Error);
        return DevCommandLine.Run(args, stdout, Console.Error);
    }
}
