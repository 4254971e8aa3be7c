namespace AppServer.Bench.Driver;

/// <summary>
/// Runs every phase against each server command and prints the report. Cold starts alternate
/// between the servers (A, B, A, B, …) so a change in machine load hits both alike; the long-lived
/// sessions run one server at a time.
/// </summary>
internal static class ProcessDriver
{
    /// <returns>0 when every figure was measured (whatever it is); 1 when a server could not be measured.</returns>
    public static int Run(DriverOptions options, TextWriter output, TextWriter progress)
    {
        var environment = MachineInfo.Read();
        var figures = options.Servers.Select(server => new ServerFigures(server) { BinaryBytes = server.ProgramBytes() }).ToArray();
        var homes = options.Servers.Select(_ => BenchHome.Create()).ToArray();
        try
        {
            MeasureColdStarts(figures, homes, options.Runs, progress);
            for (var i = 0; i < figures.Length; i++)
            {
                if (figures[i].Errors.Count > 0)
                {
                    continue;
                }

                try
                {
                    Phases.Session(figures[i], homes[i].Path, options, progress);
                }
                catch (BenchmarkFailedException e)
                {
                    figures[i].Errors.Add(e.Message);
                }
            }
        }
        finally
        {
            foreach (var home in homes)
            {
                home.Dispose();
            }
        }

        ReportWriter.Write(output, environment with { LoadAverageAfter = MachineInfo.LoadAverage() }, options, figures);
        return figures.Any(f => f.Errors.Count > 0) ? 1 : 0;
    }

    private static void MeasureColdStarts(ServerFigures[] figures, BenchHome[] homes, int runs, TextWriter progress)
    {
        // Run 0 is a discarded warm-up (file cache, first exec of the binary), like hyperfine --warmup 1.
        for (var run = 0; run <= runs && figures.Any(f => f.Errors.Count == 0); run++)
        {
            progress.WriteLine(run == 0 ? "cold start: warm-up spawn" : $"cold start: run {run}/{runs}");
            for (var i = 0; i < figures.Length; i++)
            {
                if (figures[i].Errors.Count > 0)
                {
                    continue;
                }

                try
                {
                    var milliseconds = Phases.ColdStart(figures[i].Command, homes[i].Path);
                    if (run > 0)
                    {
                        figures[i].ColdStartSamples.Add(milliseconds);
                    }
                }
                catch (BenchmarkFailedException e)
                {
                    figures[i].Errors.Add(e.Message);
                }
            }
        }
    }
}
