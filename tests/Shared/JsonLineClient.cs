using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace AppServer.Testing;

/// <summary>
/// A raw newline-delimited JSON-RPC client: it writes exact bytes and parses every line the server
/// writes, so tests see the wire as a Codex client does. Responses are matched by id. Given another
/// <see cref="ClientEncoding"/> it frames the same JSON text with Content-Length headers or as
/// length-prefixed MessagePack, so a suite can run unchanged on every encoding the server speaks.
/// </summary>
/// <remarks>
/// Every server message is also checked against the committed schema (<see cref="ProtocolSchemas"/>):
/// a result by the method of the request that had its id, a notification by its method. A message
/// that violates it fails the test that receives it (<see cref="RequestAsync"/>,
/// <see cref="NextNotificationAsync"/>, <see cref="NextUnmatchedAsync"/>), and any violation not
/// reported that way fails the test at <see cref="DisposeAsync"/>.
/// </remarks>
internal sealed class JsonLineClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly Stream _writer;
    private readonly Stream _input;
    private readonly StreamReader _reader;
    private readonly ClientEncoding _encoding;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly Channel<JsonObject> _notifications = Channel.CreateUnbounded<JsonObject>();
    private readonly Channel<JsonObject> _unmatched = Channel.CreateUnbounded<JsonObject>();
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentDictionary<string, string> _methodsById = new();
    private readonly ConcurrentDictionary<JsonObject, string> _violations = new(ReferenceEqualityComparer.Instance);
    private readonly Task _readLoop;
    private long _nextId;

    public JsonLineClient(Stream writer, Stream reader, ClientEncoding encoding = ClientEncoding.Lines)
    {
        _writer = writer;
        _input = reader;
        _encoding = encoding;
        _reader = new StreamReader(reader, new UTF8Encoding(false));
        _readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>Every line the server wrote, verbatim (under another encoding, each message's JSON text).</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    public Task Completion => _readLoop;

    /// <summary>Sends one line, or several separated by <c>\n</c> in one write (one frame each under another encoding).</summary>
    public async Task SendLineAsync(string line)
    {
        RememberRequest(line);
        var bytes = _encoding == ClientEncoding.Lines
            ? Encoding.UTF8.GetBytes(line + "\n")
            : line.Split('\n').SelectMany(message => ClientFrames.Encode(message, _encoding)).ToArray();
        await _writer.WriteAsync(bytes);
        await _writer.FlushAsync();
    }

    /// <summary>Writes exact bytes, whatever the encoding.</summary>
    public async Task SendBytesAsync(byte[] bytes)
    {
        foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            RememberRequest(line);
        }

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
        return ThrowIfInvalid(await pending.WaitAsync(Timeout));
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
        return ThrowIfInvalid(await _notifications.Reader.ReadAsync(cancel.Token));
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
        return ThrowIfInvalid(await _unmatched.Reader.ReadAsync(cancel.Token));
    }

    public async Task CloseInputAsync() => await _writer.DisposeAsync();

    /// <summary>Disposes the streams, then fails if the server sent anything its schema does not allow.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        _reader.Dispose();
        ThrowIfAnySchemaViolation();
    }

    /// <summary>Fails with every schema violation not yet reported to the test that received the message.</summary>
    public void ThrowIfAnySchemaViolation()
    {
        var violations = _violations.Values.ToList();
        _violations.Clear();
        if (violations.Count > 0)
        {
            throw new ProtocolSchemaViolationException(string.Join("\n", violations));
        }
    }

    private static string Key(JsonNode? id) => id?.ToJsonString() ?? "null";

    /// <summary>Notes which method a request id belongs to, so its result can be checked against that method's schema.</summary>
    private void RememberRequest(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            RememberOne(line);
        }
    }

    private void RememberOne(string line)
    {
        try
        {
            if (JsonNode.Parse(line) is JsonObject { } request
                && request["id"] is { } id
                && request["method"] is JsonValue method
                && method.TryGetValue<string>(out var name))
            {
                _methodsById[Key(id)] = name;
            }
        }
        catch (JsonException)
        {
            // Deliberately malformed input: there is no request to remember.
        }
    }

    private void CheckSchema(JsonObject message)
    {
        string? violation;
        try
        {
            violation = message["method"] is JsonValue method && method.TryGetValue<string>(out var name) && !message.ContainsKey("id")
                ? ProtocolSchemas.CheckNotification(name, message)
                : message["id"] is { } id && _methodsById.TryGetValue(Key(id), out var requested)
                    ? ProtocolSchemas.CheckResponse(requested, message)
                    : ProtocolSchemas.CheckError(message);
        }
        catch (Exception ex)
        {
            // A broken or missing schema file must fail the test, not the read loop.
            violation = $"could not check {message.ToJsonString()} against schema/json: {ex.Message}";
        }

        if (violation is not null)
        {
            _violations[message] = violation;
        }
    }

    private JsonObject ThrowIfInvalid(JsonObject message) =>
        _violations.TryRemove(message, out var violation) ? throw new ProtocolSchemaViolationException(violation) : message;

    private async Task<string?> ReadMessageAsync() =>
        _encoding == ClientEncoding.Lines ? await _reader.ReadLineAsync() : await ClientFrames.ReadAsync(_input, _encoding);

    private async Task ReadLoopAsync()
    {
        while (await ReadMessageAsync() is { } line)
        {
            _lines.Enqueue(line);
            var message = JsonNode.Parse(line)!.AsObject();
            CheckSchema(message);
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
