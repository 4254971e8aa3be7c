using System.CommandLine;
using AppServer.Bench.Driver;
using AppServer.Bench.InProc;

namespace AppServer.Bench;

/// <summary>
/// <c>process</c>: the process-level driver for any server command (and a second one side by side).
/// <c>inproc</c>: BenchmarkDotNet benchmarks of in-process paths; unrecognised arguments go to BenchmarkDotNet.
/// </summary>
internal static class BenchCommandLine
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var server = new Option<string>("--server")
        {
            Description = "The server command line (split like a shell: quotes, backslash), e.g. \"artifacts/publish/appserver\" or \"dotnet path/appserver.dll\".",
            Required = true,
        };
        var compare = new Option<string?>("--compare") { Description = "A second server command, measured side by side (B) with B/A ratios." };
        var runs = PositiveInt("--runs", 20, "Cold-start spawns per server (after one discarded warm-up spawn).");
        var requests = PositiveInt("--requests", 5_000, "Timed sequential getAuthStatus round trips.");
        var warmup = new Option<int>("--warmup") { Description = "Untimed sequential round trips before the timed ones.", DefaultValueFactory = _ => 500 };
        warmup.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--warmup must be 0 or more.");
            }
        });
        var burst = PositiveInt("--burst", 10_000, "getAuthStatus requests in the pipelined burst.");

        var process = new Command("process", "Spawn the server command(s) and print cold start, round-trip latency, burst throughput and peak RSS against the targets.")
        {
            server, compare, runs, requests, warmup, burst,
        };
        process.SetAction(result =>
        {
            var servers = new List<ServerCommand>();
            try
            {
                servers.Add(ServerCommand.Parse("A", result.GetValue(server)!));
                if (result.GetValue(compare) is { } second)
                {
                    servers.Add(ServerCommand.Parse("B", second));
                }
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                stderr.WriteLine($"appserver-bench: {e.Message}");
                return 2;
            }

            var options = new DriverOptions(servers, result.GetValue(runs), result.GetValue(requests), result.GetValue(warmup), result.GetValue(burst));
            return ProcessDriver.Run(options, stdout, stderr);
        });

        var inproc = new Command("inproc", "BenchmarkDotNet benchmarks of in-process paths (JSON, JWT decode, a getAuthStatus round trip over FullDuplexStream). Other arguments go to BenchmarkDotNet, e.g. --filter '*RoundTrip*' --job short.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        inproc.SetAction(result => InProcRunner.Run([.. result.UnmatchedTokens]));

        var root = new RootCommand("AppServer benchmark: the performance figures the README reports, for any server command.") { process, inproc };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            stderr.WriteLine($"appserver-bench: {parsed.Errors[0].Message} Run with --help for usage.");
            return 2;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    private static Option<int> PositiveInt(string name, int defaultValue, string description)
    {
        var option = new Option<int>(name) { Description = $"{description} Default: {defaultValue}.", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"{name} must be 1 or more.");
            }
        });
        return option;
    }
}
