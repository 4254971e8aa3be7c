using System.Diagnostics;

namespace AppServer.Bench.Driver;

/// <summary>Stopwatch ticks to the units the report uses.</summary>
internal static class Timing
{
    public static double Milliseconds(long startTimestamp, long endTimestamp) =>
        (endTimestamp - startTimestamp) * 1_000.0 / Stopwatch.Frequency;

    public static double Microseconds(long startTimestamp, long endTimestamp) =>
        (endTimestamp - startTimestamp) * 1_000_000.0 / Stopwatch.Frequency;
}
