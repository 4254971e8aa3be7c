using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace AppServer.Dev.Demo;

/// <summary>
/// A real server child process (this executable, <c>serve</c>) spoken to over its stdin/stdout, the way an IDE does.
/// Every message sent and received is reported to <see cref="Transcript"/>.
/// </summary>
internal sealed class ChildServer : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly ConcurrentQueue<JsonObject> _notifications = new();
    private readonly ConcurrentDictionary<long, bool> _quiet = new();
    private readonly Task _reader;
    private long _nextId;

    private ChildServer(Process process, Action<string, JsonObject> transcript)
    {
        _process = process;
        Transcript = transcript;
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _reader = Task.Run(ReadAsync);
    }

    public Action<string, JsonObject> Transcript { get; }

    public IReadOnlyCollection<JsonObject> Notifications => _notifications;

    public static ChildServer Start(string codexHome, Uri tokenEndpoint, Action<string, JsonObject> transcript)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot locate the appserver executable.");
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            // Run as `dotnet appserver-dev.dll`: start the same assembly.
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "appserver-dev.dll"));
        }

        start.ArgumentList.Add("serve");
        start.Environment["CODEX_HOME"] = codexHome;
        start.Environment["CODEX_REFRESH_TOKEN_URL_OVERRIDE"] = tokenEndpoint.ToString();
        start.Environment.Remove("APPSERVER_LOG");
        return new ChildServer(Process.Start(start)!, transcript);
    }

    public async Task<JsonObject> RequestAsync(string method, JsonObject? parameters = null, bool quiet = false)
    {
        var id = Interlocked.Increment(ref _nextId);
        var pending = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = pending;
        var message = new JsonObject { ["id"] = id, ["method"] = method };
        if (parameters is not null)
        {
            message["params"] = parameters;
        }

        if (quiet)
        {
            _quiet[id] = true;
        }
        else
        {
            Transcript("→", message);
        }

        var line = Encoding.UTF8.GetBytes(message.ToJsonString() + "\n");
        await _process.StandardInput.BaseStream.WriteAsync(line);
        await _process.StandardInput.BaseStream.FlushAsync();
        return await pending.Task.WaitAsync(s_timeout);
    }

    /// <summary>Waits until <paramref name="count"/> notifications have arrived in total.</summary>
    public async Task WaitForNotificationsAsync(int count)
    {
        var clock = Stopwatch.StartNew();
        while (_notifications.Count < count && clock.Elapsed < s_timeout)
        {
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _reader.ConfigureAwait(false);
        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (JsonNode.Parse(line) is not JsonObject message)
            {
                continue;
            }

            // Printed here, in the order the messages arrived on the wire.
            if (message["id"] is { } id && id.GetValueKind() == System.Text.Json.JsonValueKind.Number && _pending.TryRemove(id.GetValue<long>(), out var waiter))
            {
                if (!_quiet.TryRemove(id.GetValue<long>(), out _))
                {
                    Transcript("←", message);
                }

                waiter.TrySetResult(message);
            }
            else if (message.ContainsKey("method"))
            {
                _notifications.Enqueue(message);
                Transcript("←", message);
            }
        }
    }
}
