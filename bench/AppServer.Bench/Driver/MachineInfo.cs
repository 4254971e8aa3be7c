using System.Runtime.InteropServices;

namespace AppServer.Bench.Driver;

/// <summary>What the figures were measured on, including the load average (this machine is shared).</summary>
internal sealed record MachineInfo(int Cores, string Cpu, string Os, string Runtime, DateTimeOffset Started, string LoadAverageBefore)
{
    public string LoadAverageAfter { get; init; } = "?";

    public static MachineInfo Read() => new(
        Environment.ProcessorCount,
        CpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        DateTimeOffset.UtcNow,
        LoadAverage());

    /// <summary>The 1, 5 and 15-minute load averages from /proc/loadavg.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
