using System.Globalization;

namespace AppServer.Bench.Driver;

/// <summary>Prints the figures table: targets, ✓/✗ per figure and, with two servers, B/A ratios.</summary>
internal static class ReportWriter
{
    private static readonly CultureInfo s_culture = CultureInfo.InvariantCulture;

    public static void Write(TextWriter output, MachineInfo machine, DriverOptions options, IReadOnlyList<ServerFigures> servers)
    {
        output.WriteLine();
        output.WriteLine("AppServer process-level benchmark");
        output.WriteLine($"  machine   {machine.Cores} cores, {machine.Cpu}; {machine.Os}; driver on {machine.Runtime}");
        output.WriteLine($"  when      {machine.Started:yyyy-MM-dd HH:mm} UTC; load average (1/5/15 min) {machine.LoadAverageBefore} before, {machine.LoadAverageAfter} after");
        output.WriteLine(Format($"  samples   cold start {options.Runs} runs (+1 warm-up); sequential {options.Requests:N0} round trips (+{options.Warmup:N0} warm-up); burst {options.Burst:N0} pipelined requests"));
        foreach (var server in servers)
        {
            output.WriteLine($"  {server.Command.Label}         {server.Command.Text}");
        }

        output.WriteLine();
        WriteTable(output, Rows(servers, options), servers);
        output.WriteLine();

        var verdicts = servers.Select(s => $"{s.Command.Label} {MetCount(s)}/6");
        output.WriteLine($"Targets met: {string.Join(", ", verdicts)}. Medians over the runs; MB = 10^6 bytes.");
        if (servers.Count > 1)
        {
            output.WriteLine("B/A = B's figure divided by A's: for times and memory below 1 means B is better, for the rate above 1 means B is better.");
        }

        foreach (var server in servers)
        {
            foreach (var note in server.Notes)
            {
                output.WriteLine($"NOTE {note}");
            }

            foreach (var error in server.Errors)
            {
                output.WriteLine($"ERROR {error}");
            }
        }
    }

    private static List<ReportRow> Rows(IReadOnlyList<ServerFigures> servers, DriverOptions options)
    {
        List<ReportCell> Cells(Func<ServerFigures, ReportCell?> cell) => servers.Select(s => cell(s) ?? ReportCell.Missing).ToList();

        return
        [
            new("1", "cold start: spawn → getAuthStatus answer, median", Format($"≤ {Targets.ColdStartMedianMilliseconds:0} ms"), Cells(s => s.ColdStart is { } d
                ? new ReportCell(Milliseconds(d.Median), d.Median, d.Median <= Targets.ColdStartMedianMilliseconds)
                : null)),
            new("", "  min / p90", "", Cells(s => s.ColdStart is { } d
                ? new ReportCell(Format($"{d.Min:0.0} / {d.Percentile(90):0.0} ms"))
                : null)),
            new("2", "sequential getAuthStatus round trip, p50", Format($"≤ {Targets.SequentialP50Microseconds:0} µs"), Cells(s => s.Sequential is { } d
                ? new ReportCell(Microseconds(d.Median), d.Median, d.Median <= Targets.SequentialP50Microseconds)
                : null)),
            new("", "  p90", "", Cells(s => s.Sequential is { } d ? new ReportCell(Microseconds(d.Percentile(90)), d.Percentile(90)) : null)),
            new("", "  p99", Format($"≤ {Targets.SequentialP99Microseconds:0} µs"), Cells(s => s.Sequential is { } d
                ? new ReportCell(Microseconds(d.Percentile(99)), d.Percentile(99), d.Percentile(99) <= Targets.SequentialP99Microseconds)
                : null)),
            new("3", "pipelined getAuthStatus burst, answers per second", Format($"≥ {Targets.BurstPerSecond:N0}/s"), Cells(s => s.Burst is { } b
                ? new ReportCell(Format($"{b.PerSecond:N0}/s"), b.PerSecond, b.PerSecond >= Targets.BurstPerSecond)
                : null)),
            new("", "  answered / lost / errors", "all answered", Cells(s => s.Burst is { } b
                ? new ReportCell(Format($"{b.Answered:N0} / {b.Lost:N0} / {b.Errors:N0}"), null, b.Answered == b.Expected)
                : null)),
            new("", "  first write → last answer", "", Cells(s => s.Burst is { } b
                ? new ReportCell(Milliseconds(b.Elapsed.TotalMilliseconds), b.Elapsed.TotalMilliseconds)
                : null)),
            new("4", Format($"peak RSS during a {Targets.MemoryBurstRequests:N0}-request burst (VmHWM)"), Format($"≤ {Targets.MemoryBurstPeakResidentBytes / 1e6:0} MB"), Cells(s => s.MemoryBurstPeakResidentBytes is { } p
                ? new ReportCell(Megabytes(p), p, p <= Targets.MemoryBurstPeakResidentBytes)
                : null)),
            new("5", "idle RSS (1 s after start)", Format($"≤ {Targets.IdleResidentBytes / 1e6:0} MB"), Cells(s => s.IdleResidentBytes is { } r
                ? new ReportCell(Megabytes(r), r, r <= Targets.IdleResidentBytes)
                : null)),
            new("6", "binary size (the program file)", Format($"≤ {Targets.BinaryBytes / 1e6:0} MB"), Cells(s => s.BinaryBytes is { } b
                ? new ReportCell(Megabytes(b), b, b <= Targets.BinaryBytes)
                : null)),
            new("", Format($"  peak RSS after the {options.Burst:N0} burst (session VmHWM)"), Format($"≤ {Targets.PeakResidentBytes / 1e6:0} MB"), Cells(s => s.PeakResidentBytes is { } p
                ? new ReportCell(Megabytes(p), p, p <= Targets.PeakResidentBytes)
                : null)),
        ];
    }

    private static void WriteTable(TextWriter output, List<ReportRow> rows, IReadOnlyList<ServerFigures> servers)
    {
        var compare = servers.Count == 2;
        var header = new List<string> { "#", "figure", "target" };
        header.AddRange(servers.Select(s => s.Command.Label));
        if (compare)
        {
            header.Add("B/A");
        }

        var lines = rows.Select(row =>
        {
            var line = new List<string> { row.Number, row.Figure, row.Target };
            line.AddRange(row.Cells.Select(c => c.Display));
            if (compare)
            {
                line.Add(row.Cells[0].Value is { } a && row.Cells[1].Value is { } b && a > 0 ? Format($"{b / a:0.00}×") : "");
            }

            return line;
        }).ToList();

        var widths = header.Select((h, i) => Math.Max(h.Length, lines.Max(l => l[i].Length))).ToArray();
        string Join(IReadOnlyList<string> cells) => string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();

        output.WriteLine(Join(header));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('─', w))));
        foreach (var line in lines)
        {
            output.WriteLine(Join(line));
        }
    }

    private static int MetCount(ServerFigures server)
    {
        var met = 0;
        met += server.ColdStart is { } c && c.Median <= Targets.ColdStartMedianMilliseconds ? 1 : 0;
        met += server.Sequential is { } s && s.Median <= Targets.SequentialP50Microseconds && s.Percentile(99) <= Targets.SequentialP99Microseconds ? 1 : 0;
        met += server.Burst is { } b && b.Answered == b.Expected && b.PerSecond >= Targets.BurstPerSecond ? 1 : 0;
        met += server.MemoryBurstPeakResidentBytes is { } p && p <= Targets.MemoryBurstPeakResidentBytes ? 1 : 0;
        met += server.IdleResidentBytes is { } r && r <= Targets.IdleResidentBytes ? 1 : 0;
        met += server.BinaryBytes is { } size && size <= Targets.BinaryBytes ? 1 : 0;
        return met;
    }

    private static string Milliseconds(double value) => Format($"{value:0.0} ms");

    private static string Microseconds(double value) => Format($"{value:0.0} µs");

    private static string Megabytes(long bytes) => Format($"{bytes / 1e6:0.0} MB");

    private static string Format(FormattableString text) => text.ToString(s_culture);
}
