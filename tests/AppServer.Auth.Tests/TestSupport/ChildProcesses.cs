using System.Diagnostics;

namespace AppServer.Auth.Tests.TestSupport;

/// <summary>Real child processes for the tests that need another process's pid, FIFO or lock.</summary>
internal static class ChildProcesses
{
    /// <summary>The pid of a process that has exited and been reaped, so no process has it (until reuse).</summary>
    public static int DeadPid()
    {
        using var process = Process.Start(new ProcessStartInfo("true"))!;
        process.WaitForExit();
        return process.Id;
    }

    /// <summary>Starts <paramref name="file"/> with <paramref name="arguments"/>, stdin/stdout piped.</summary>
    public static Process Start(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    public static void MakeFifo(string path)
    {
        using var process = Start("mkfifo", path);
        process.WaitForExit();
        process.ExitCode.Should().Be(0, "mkfifo must create the FIFO");
    }

    public static void StopAndReap(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        process.Dispose();
    }
}
