using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;

namespace AppServer.Bench.Driver;

/// <summary>
/// One spawned server with stdin/stdout/stderr piped, CODEX_HOME set, and stderr drained in the
/// background (the last lines are kept for error messages). Reads and writes are blocking, so a
/// timed round trip has no scheduler hop in it; <see cref="KillAfter"/> bounds every phase.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private const int StderrLinesKept = 20;

    private readonly System.Diagnostics.Process _process;
    private readonly Stream _stdin;
    private readonly LineReader _stdout;
    private readonly ConcurrentQueue<string> _stderrTail = new();
    private readonly ServerCommand _command;
    private volatile string? _killedBecause;

    private ServerProcess(ServerCommand command, System.Diagnostics.Process process)
    {
        _command = command;
        _process = process;
        _stdin = process.StandardInput.BaseStream;
        _stdout = new LineReader(process.StandardOutput.BaseStream);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            _stderrTail.Enqueue(e.Data);
            while (_stderrTail.Count > StderrLinesKept && _stderrTail.TryDequeue(out var _))
            {
            }
        };
        process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public static ServerProcess Start(ServerCommand command, string codexHome)
    {
        var startInfo = new ProcessStartInfo(command.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["CODEX_HOME"] = codexHome;
        try
        {
            var process = System.Diagnostics.Process.Start(startInfo)
                ?? throw new BenchmarkFailedException($"{command.Label}: could not start '{command.Text}'.");
            return new ServerProcess(command, process);
        }
        catch (Win32Exception e)
        {
            throw new BenchmarkFailedException($"{command.Label}: could not start '{command.Text}': {e.Message}");
        }
    }

    /// <summary>Writes whole request lines (already newline-terminated).</summary>
    public void Send(ReadOnlySpan<byte> lines)
    {
        try
        {
            _stdin.Write(lines);
            _stdin.Flush();
        }
        catch (IOException e)
        {
            throw Failure($"writing to stdin failed ({e.Message})");
        }
    }

    /// <summary>Reads lines until the response with <paramref name="id"/>; other lines (notifications, other ids) are skipped.</summary>
    public ResponseLine ReadResponse(long id)
    {
        while (true)
        {
            var response = ReadAnyResponse();
            if (response.Id == id)
            {
                return response;
            }
        }
    }

    /// <summary>Reads lines until one carries a numeric id.</summary>
    public ResponseLine ReadAnyResponse()
    {
        while (_stdout.TryReadLine(out var line))
        {
            if (ResponseLine.TryParse(line, out var response))
            {
                return response;
            }
        }

        throw Failure("stdout closed before the expected response");
    }

    /// <summary>Reads lines until one carries a numeric id; false at end of stream.</summary>
    public bool TryReadAnyResponse(out ResponseLine response)
    {
        while (_stdout.TryReadLine(out var line))
        {
            if (ResponseLine.TryParse(line, out response))
            {
                return true;
            }
        }

        response = default;
        return false;
    }

    public MemorySample? ReadMemory() => MemorySample.Read(_process.Id);

    /// <summary>Kills the server when the returned handle is not disposed within <paramref name="limit"/>.</summary>
    public IDisposable KillAfter(TimeSpan limit, string phase) =>
        new Timer(_ => Kill($"{phase} took longer than {limit.TotalSeconds:0} s"), null, limit, Timeout.InfiniteTimeSpan);

    public void Kill(string reason)
    {
        _killedBecause ??= reason;
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public BenchmarkFailedException Failure(string what)
    {
        var message = $"{_command.Label} ({_command.Text}): {what}";
        if (_killedBecause is { } reason)
        {
            message += $"; the server was killed because {reason}";
        }
        else if (_process.WaitForExit(TimeSpan.FromSeconds(1)))
        {
            // Only the overload without a timeout waits for the stderr drain; bounded in case a
            // grandchild still holds the pipe.
            Task.Run(() => _process.WaitForExit()).Wait(TimeSpan.FromSeconds(1));
            message += $"; the server exited with code {_process.ExitCode}";
        }

        var stderr = _stderrTail.ToArray();
        if (stderr.Length > 0)
        {
            message += Environment.NewLine + "  stderr (last lines):" + Environment.NewLine + "    " + string.Join(Environment.NewLine + "    ", stderr);
        }

        return new BenchmarkFailedException(message);
    }

    /// <summary>Closes stdin (the server's signal to exit), waits a little, then kills what is left.</summary>
    public void Dispose()
    {
        try
        {
            _stdin.Dispose();
        }
        catch (IOException)
        {
            // The server is already gone: nothing to close.
        }

        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            Kill("it did not exit within 10 s of stdin closing");
            _process.WaitForExit(TimeSpan.FromSeconds(5));
        }

        _process.Dispose();
    }
}
