using System.Diagnostics;
using System.Text;
using AppServer.Testing;

namespace AppServer.IntegrationTests.Infrastructure;

/// <summary>
/// A real <c>appserver</c> child process with stdin/stdout/stderr on pipes. stderr is drained
/// continuously (a full pipe would stall the child); the whole process is killed on dispose.
/// Its client speaks the encoding <c>APPSERVER_TEST_ENCODING</c> names (lines by default; for
/// msgpack the server is started with <c>--encoding msgpack</c>).
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly Lock _stderrGate = new();
    private readonly List<(string Needle, TaskCompletionSource Seen)> _stderrWaiters = [];

    private ServerProcess(Process process, ClientEncoding encoding)
    {
        _process = process;
        Client = new JsonLineClient(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, encoding);
        process.ErrorDataReceived += (_, e) => OnStderr(e.Data);
        process.BeginErrorReadLine();
    }

    public JsonLineClient Client { get; }

    public int Pid => _process.Id;

    public string Stderr
    {
        get
        {
            lock (_stderrGate)
            {
                return _stderr.ToString();
            }
        }
    }

    public static ServerProcess Start(string codexHome, IReadOnlyDictionary<string, string>? environment = null, params string[] arguments)
    {
        var encoding = TestEncoding.Current;
        var start = AppServerExecutable.StartInfo(codexHome, environment, encoding == ClientEncoding.MessagePack ? [.. arguments, "--encoding", "msgpack"] : arguments);
        return new ServerProcess(Process.Start(start)!, encoding);
    }

    /// <summary>Completes when a stderr line containing <paramref name="needle"/> has been written.</summary>
    public Task WaitForStderrAsync(string needle)
    {
        lock (_stderrGate)
        {
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_stderr.ToString().Contains(needle, StringComparison.Ordinal))
            {
                seen.SetResult();
            }
            else
            {
                _stderrWaiters.Add((needle, seen));
            }

            return seen.Task.WaitAsync(JsonLineClient.Timeout);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    public void Kill() => _process.Kill(entireProcessTree: true);

    public void Signal(int signal) => NativeSignals.Send(_process.Id, signal);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        // Last, so a schema violation (which fails the test) never leaves the process running.
        await Client.DisposeAsync();
    }

    private void OnStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stderrGate)
        {
            _stderr.AppendLine(line);
            foreach (var waiter in _stderrWaiters.Where(w => line.Contains(w.Needle, StringComparison.Ordinal)).ToList())
            {
                waiter.Seen.TrySetResult();
                _stderrWaiters.Remove(waiter);
            }
        }
    }
}
