using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace AppServer.Testing;

/// <summary>
/// A raw newline-delimited JSON-RPC client: it writes exact bytes and parses every line the server
/// writes, so tests see the wire as a Codex client does. Responses are matched by id.
/// </summary>
internal sealed class JsonLineClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly Stream _writer;
    private readonly StreamReader _reader;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly Channel<JsonObject> _notifications = Channel.CreateUnbounded<JsonObject>();
    private readonly Channel<JsonObject> _unmatched = Channel.CreateUnbounded<JsonObject>();
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Task _readLoop;
    private long _nextId;

    public JsonLineClient(Stream writer, Stream reader)
    {
        _writer = writer;
        _reader = new StreamReader(reader, new UTF8Encoding(false));
        _readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>Every line the server wrote, verbatim.</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    public Task Completion => _readLoop;

    public async Task SendLineAsync(string line)
    {
        await _writer.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
        await _writer.FlushAsync();
    }

    public async Task SendBytesAsync(byte[] bytes)
    {
        await _writer.WriteAsync(bytes);
        await _writer.FlushAsync();
    }

    /// <summary>Sends a request and returns the whole response object (result or error).</summary>
    public async Task<JsonObject> RequestAsync(string method, object? parameters = null, JsonNode? id = null)
    {
        id ??= JsonValue.Create(Interlocked.Increment(ref _nextId));
        var pending = Expect(id);
        var message = new JsonObject { ["id"] = id.DeepClone(), ["method"] = method };
        if (parameters is not null)
        {
            message["params"] = parameters as JsonNode ?? JsonSerializer.SerializeToNode(parameters);
        }

        await SendLineAsync(message.ToJsonString());
        return await pending.WaitAsync(Timeout);
    }

    /// <summary>Sends a request and returns its result, failing the test on an error response.</summary>
    public async Task<JsonObject> CallAsync(string method, object? parameters = null)
    {
        var response = await RequestAsync(method, parameters);
        response.ContainsKey("error").Should().BeFalse($"'{method}' should succeed, but got {response.ToJsonString()}");
        return response["result"]!.AsObject();
    }

    public Task<JsonObject> Expect(JsonNode id)
    {
        var source = _pending.GetOrAdd(Key(id), _ => new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously));
        return source.Task;
    }

    public Task<JsonObject> InitializeAsync(string name = "appserver-tests", bool experimentalApi = true) =>
        CallAsync("initialize", new JsonObject
        {
            ["clientInfo"] = new JsonObject { ["name"] = name, ["version"] = "0.1.0" },
            ["capabilities"] = new JsonObject { ["experimentalApi"] = experimentalApi },
        });

    /// <summary>The next notification (a message with a method and no id).</summary>
    public async Task<JsonObject> NextNotificationAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? Timeout);
        return await _notifications.Reader.ReadAsync(cancel.Token);
    }

    /// <summary>Whether a notification arrives within <paramref name="window"/>.</summary>
    public async Task<JsonObject?> TryNextNotificationAsync(TimeSpan window)
    {
        try
        {
            return await NextNotificationAsync(window);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The next response nobody asked for by id (e.g. an error with <c>id: null</c>).</summary>
    public async Task<JsonObject> NextUnmatchedAsync()
    {
        using var cancel = new CancellationTokenSource(Timeout);
        return await _unmatched.Reader.ReadAsync(cancel.Token);
    }

    public async Task CloseInputAsync() => await _writer.DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        _reader.Dispose();
    }

    private static string Key(JsonNode? id) => id?.ToJsonString() ?? "null";

    private async Task ReadLoopAsync()
    {
        while (await _reader.ReadLineAsync() is { } line)
        {
            _lines.Enqueue(line);
            var message = JsonNode.Parse(line)!.AsObject();
            if (message.ContainsKey("method") && !message.ContainsKey("id"))
            {
                _notifications.Writer.TryWrite(message);
                continue;
            }

            var key = Key(message["id"]);
            if (message["id"] is not null && _pending.TryGetValue(key, out var waiter))
            {
                waiter.TrySetResult(message);
            }
            else if (message["id"] is not null)
            {
                _pending.GetOrAdd(key, _ => new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(message);
            }
            else
            {
                _unmatched.Writer.TryWrite(message);
            }
        }

        _notifications.Writer.TryComplete();
        _unmatched.Writer.TryComplete();
    }
}
