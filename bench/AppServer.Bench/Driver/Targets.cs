namespace AppServer.Bench.Driver;

/// <summary>The targets of the performance issue ("start in milliseconds, answer in microseconds, fit in 30 MB").</summary>
internal static class Targets
{
    public const double ColdStartMedianMilliseconds = 20;
    public const double SequentialP50Microseconds = 100;
    public const double SequentialP99Microseconds = 500;
    public const double BurstPerSecond = 50_000;

    /// <summary>30 MB, read as 30 × 10^6 bytes (the stricter reading).</summary>
    public const long PeakResidentBytes = 30_000_000;
}
