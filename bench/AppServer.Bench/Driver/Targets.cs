namespace AppServer.Bench.Driver;

/// <summary>
/// The targets: "start in milliseconds, answer in microseconds, fit in 30 MB", and the lean shipped
/// binary's (cold start ≤ 10 ms, idle ≤ 15 MB, ≤ 25 MB during a 1,000-request burst, ≤ 12 MB on disk).
/// </summary>
internal static class Targets
{
    public const double ColdStartMedianMilliseconds = 10;
    public const double SequentialP50Microseconds = 100;
    public const double SequentialP99Microseconds = 500;
    public const double BurstPerSecond = 50_000;

    /// <summary>Requests in the memory burst (the peak RSS figure); the throughput burst is larger.</summary>
    public const int MemoryBurstRequests = 1_000;

    /// <summary>Megabytes read as 10^6 bytes (the stricter reading).</summary>
    public const long MemoryBurstPeakResidentBytes = 25_000_000;

    public const long IdleResidentBytes = 15_000_000;

    public const long BinaryBytes = 12_000_000;

    /// <summary>VmHWM over the whole session, after the throughput burst.</summary>
    public const long PeakResidentBytes = 30_000_000;
}
