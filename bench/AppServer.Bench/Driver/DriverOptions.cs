namespace AppServer.Bench.Driver;

/// <summary>What <c>process</c> measures: the servers (A, and B when comparing) and the sample counts.</summary>
internal sealed record DriverOptions(
    IReadOnlyList<ServerCommand> Servers,
    int Runs,
    int Requests,
    int Warmup,
    int Burst);
