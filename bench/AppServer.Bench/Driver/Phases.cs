using System.Diagnostics;

namespace AppServer.Bench.Driver;

/// <summary>The measurements, each against a server spawned with a given CODEX_HOME.</summary>
internal static class Phases
{
    private const long ColdStartStatusId = 2;
    private const long SequentialFirstId = 100;
    private const long MemoryBurstFirstId = 500_000;
    private const long BurstFirstId = 1_000_000;

    private static readonly TimeSpan s_startLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_idleWait = TimeSpan.FromSeconds(1);

    /// <summary>initialize and getAuthStatus, written together right after spawn.</summary>
    private static readonly byte[] s_coldStartLines = CreateColdStartLines();

    /// <summary>
    /// (a) Spawn → the answer to a getAuthStatus pipelined behind initialize, in milliseconds. The
    /// clock starts before Process.Start and stops when the answer's line has been read; shutting
    /// the server down afterwards is not timed.
    /// </summary>
    public static double ColdStart(ServerCommand command, string codexHome)
    {
        var start = Stopwatch.GetTimestamp();
        using var server = ServerProcess.Start(command, codexHome);
        using (server.KillAfter(s_startLimit, "cold start"))
        {
            server.Send(s_coldStartLines);
            var response = server.ReadResponse(ColdStartStatusId);
            var end = Stopwatch.GetTimestamp();
            if (!response.IsResult)
            {
                throw server.Failure("getAuthStatus answered with an error at cold start");
            }

            return Timing.Milliseconds(start, end);
        }
    }

    /// <summary>
    /// One long-lived server: idle RSS after start, VmHWM after a 1,000-request pipelined burst,
    /// (b) sequential round trips, (c) the large pipelined burst, and (d) VmHWM after it. A failed
    /// phase is recorded and the later ones are skipped.
    /// </summary>
    public static void Session(ServerFigures figures, string codexHome, DriverOptions options, TextWriter progress)
    {
        using var server = ServerProcess.Start(figures.Command, codexHome);
        using (server.KillAfter(s_startLimit, "start"))
        {
            server.Send(Requests.Initialize);
            if (!server.ReadResponse(Requests.InitializeId).IsResult)
            {
                throw server.Failure("initialize answered with an error");
            }

            RoundTrip(server, SequentialFirstId - 1);
        }

        Thread.Sleep(s_idleWait);
        figures.IdleResidentBytes = server.ReadMemory()?.ResidentBytes;

        progress.WriteLine($"{figures.Command.Label}: memory burst of {Targets.MemoryBurstRequests:N0} pipelined getAuthStatus");
        var memoryBurst = BurstRun.Run(server, MemoryBurstFirstId, Targets.MemoryBurstRequests);
        figures.MemoryBurstPeakResidentBytes = memoryBurst.Memory?.PeakResidentBytes;
        if (memoryBurst.Incomplete is { } memoryNote)
        {
            figures.Notes.Add($"{figures.Command.Label}: memory burst: {memoryNote}");
            return;
        }

        progress.WriteLine($"{figures.Command.Label}: {options.Requests:N0} sequential getAuthStatus round trips (+{options.Warmup:N0} warm-up)");
        figures.Sequential = Sequential(server, options.Warmup, options.Requests);

        progress.WriteLine($"{figures.Command.Label}: pipelined burst of {options.Burst:N0} getAuthStatus");
        var burst = BurstRun.Run(server, BurstFirstId, options.Burst);
        figures.Burst = burst.Result;
        figures.PeakResidentBytes = burst.Memory?.PeakResidentBytes;
        if (burst.Incomplete is { } note)
        {
            figures.Notes.Add($"{figures.Command.Label}: {note}");
        }
    }

    /// <summary>(b) Each request is written, then its answer read, before the next: Stopwatch ticks per round trip, in µs.</summary>
    private static Distribution Sequential(ServerProcess server, int warmup, int requests)
    {
        var samples = new double[requests];
        var line = new byte[Requests.MaxStatusLength];
        var limit = TimeSpan.FromSeconds(30) + (TimeSpan.FromMilliseconds(20) * (warmup + requests));
        using (server.KillAfter(limit, "the sequential phase"))
        {
            for (var i = 0; i < warmup + requests; i++)
            {
                var id = SequentialFirstId + i;
                var length = Requests.WriteStatus(id, line);
                var start = Stopwatch.GetTimestamp();
                server.Send(line.AsSpan(0, length));
                var response = server.ReadResponse(id);
                var end = Stopwatch.GetTimestamp();
                if (!response.IsResult)
                {
                    throw server.Failure($"getAuthStatus {id} answered with an error");
                }

                if (i >= warmup)
                {
                    samples[i - warmup] = Timing.Microseconds(start, end);
                }
            }
        }

        return new Distribution(samples);
    }

    private static void RoundTrip(ServerProcess server, long id)
    {
        Span<byte> line = stackalloc byte[Requests.MaxStatusLength];
        server.Send(line[..Requests.WriteStatus(id, line)]);
        if (!server.ReadResponse(id).IsResult)
        {
            throw server.Failure("getAuthStatus answered with an error");
        }
    }

    private static byte[] CreateColdStartLines()
    {
        var status = new byte[Requests.MaxStatusLength];
        var length = Requests.WriteStatus(ColdStartStatusId, status);
        return [.. Requests.Initialize, .. status.AsSpan(0, length)];
    }
}
