namespace AppServer.Bench;

internal static class Program
{
    private static int Main(string[] args) => BenchCommandLine.Run(args, Console.Out, Console.Error);
}
