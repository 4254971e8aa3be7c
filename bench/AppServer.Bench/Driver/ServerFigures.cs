namespace AppServer.Bench.Driver;

/// <summary>Everything measured for one server command. A figure is null when its phase failed (see <see cref="Errors"/>).</summary>
internal sealed class ServerFigures(ServerCommand command)
{
    public ServerCommand Command { get; } = command;

    /// <summary>Spawn → getAuthStatus answer, in milliseconds, one sample per run.</summary>
    public List<double> ColdStartSamples { get; } = [];

    public Distribution? ColdStart => ColdStartSamples.Count > 0 ? new Distribution(ColdStartSamples) : null;

    /// <summary>Sequential getAuthStatus round trips, in microseconds.</summary>
    public Distribution? Sequential { get; set; }

    public BurstResult? Burst { get; set; }

    /// <summary>RSS a second after start, having answered initialize and one getAuthStatus.</summary>
    public long? IdleResidentBytes { get; set; }

    /// <summary>VmHWM read after the 1,000-request memory burst (idle, then that burst, nothing else before it).</summary>
    public long? MemoryBurstPeakResidentBytes { get; set; }

    /// <summary>Size of the server's program file (the dll for a <c>dotnet x.dll</c> command), in bytes.</summary>
    public long? BinaryBytes { get; set; }

    /// <summary>VmHWM read after the throughput burst (the peak over the whole long-lived session).</summary>
    public long? PeakResidentBytes { get; set; }

    /// <summary>Why a figure could not be measured (the server did not start, answer or stay up).</summary>
    public List<string> Errors { get; } = [];

    /// <summary>What the table cannot show, such as which burst requests went unanswered.</summary>
    public List<string> Notes { get; } = [];
}
