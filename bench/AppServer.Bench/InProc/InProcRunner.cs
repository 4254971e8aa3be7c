using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace AppServer.Bench.InProc;

/// <summary>
/// Runs the BenchmarkDotNet benchmarks of this assembly with BenchmarkDotNet's own command line.
/// Without --filter every benchmark runs (no interactive prompt). Jobs run in this process
/// (BenchmarkDotNet's --inProcess) unless --out-of-process is given: the default toolchain
/// generates and builds a project per run, which costs minutes on this 2-core machine.
/// </summary>
internal static class InProcRunner
{
    private const string OutOfProcess = "--out-of-process";

    public static int Run(string[] args)
    {
        var outOfProcess = args.Contains(OutOfProcess);
        args = [.. args.Where(a => a != OutOfProcess)];
        if (!args.Any(a => a is "--filter" or "-f" || a.StartsWith("--filter=", StringComparison.Ordinal)))
        {
            args = [.. args, "--filter", "*"];
        }

        if (!outOfProcess && !args.Any(a => a is "--inProcess" or "-i"))
        {
            args = [.. args, "--inProcess"];
        }

        var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "bench"));
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(InProcRunner).Assembly).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
