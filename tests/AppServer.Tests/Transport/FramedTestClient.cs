using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using AppServer.Framing;
using MessagePack;

namespace AppServer.Tests.Transport;

/// <summary>
/// A raw client for any framing and encoding the server speaks: it writes exact bytes and parses
/// every frame the server writes strictly (a malformed frame faults <see cref="Completion"/>).
/// MessagePack frames are converted to JSON so tests assert on one shape. Responses match by id.
/// </summary>
internal sealed class FramedTestClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly Stream _writer;
    private readonly PipeReader _reader;
    private readonly WireFraming _framing;
    private readonly WireEncoding _encoding;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly ConcurrentDictionary<string, int> _responsesPerId = new();
    private readonly Channel<JsonObject> _notifications = Channel.CreateUnbounded<JsonObject>();
    private readonly Channel<JsonObject> _unmatched = Channel.CreateUnbounded<JsonObject>();
    private readonly Channel<JsonObject> _requests = Channel.CreateUnbounded<JsonObject>();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private long _nextId;

    public FramedTestClient(Stream writer, Stream reader, WireFraming framing, WireEncoding encoding)
    {
        _writer = writer;
        _reader = PipeReader.Create(reader);
        _framing = framing;
        _encoding = encoding;
        Completion = Task.Run(ReadLoopAsync);
    }

    /// <summary>Ends when the server closes its output; faults if the server wrote a malformed frame.</summary>
    public Task Completion { get; }

    /// <summary>How many responses arrived for each id (its JSON text), to prove none is lost or doubled.</summary>
    public IReadOnlyDictionary<string, int> ResponsesPerId => _responsesPerId;

    /// <summary>One message, encoded and framed as this client speaks.</summary>
    public static byte[] Frame(JsonObject message, WireFraming framing, WireEncoding encoding) =>
        Frame(Encode(message, encoding), framing);

    public static byte[] Encode(JsonObject message, WireEncoding encoding) =>
        encoding == WireEncoding.MessagePack
            ? MessagePackSerializer.ConvertFromJson(message.ToJsonString())
            : Encoding.UTF8.GetBytes(message.ToJsonString());

    public static byte[] Frame(byte[] payload, WireFraming framing) => framing switch
    {
        WireFraming.Lines => [.. payload, (byte)'\n'],
        WireFraming.Headers => [.. Encoding.ASCII.GetBytes($"Content-Length: {payload.Length}\r\n\r\n"), .. payload],
        _ => [.. LengthPrefix(payload.Length), .. payload],
    };

    public static byte[] LengthPrefix(long length)
    {
        var prefix = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(prefix, checked((uint)length));
        return prefix;
    }

    public static JsonObject Request(JsonNode id, string method, JsonNode? parameters = null)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method };
        if (parameters is not null)
        {
            message["params"] = parameters;
        }

        return message;
    }

    public async Task SendBytesAsync(byte[] bytes)
    {
        await _writeLock.WaitAsync();
        try
        {
            await _writer.WriteAsync(bytes);
            await _writer.FlushAsync();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task SendAsync(JsonObject message) => SendBytesAsync(Frame(message, _framing, _encoding));

    /// <summary>Sends a request and returns the whole response (result or error).</summary>
    public async Task<JsonObject> RequestAsync(string method, JsonNode? parameters = null)
    {
        var id = JsonValue.Create(Interlocked.Increment(ref _nextId));
        var response = Expect(id);
        await SendAsync(Request(id, method, parameters));
        return await response.WaitAsync(Timeout);
    }

    /// <summary>Sends a request and returns its result, failing the test on an error response.</summary>
    public async Task<JsonObject> CallAsync(string method, JsonNode? parameters = null)
    {
        var response = await RequestAsync(method, parameters);
        response.ContainsKey("error").Should().BeFalse($"'{method}' should succeed, but got {response.ToJsonString()}");
        return response["result"]!.AsObject();
    }

    public Task<JsonObject> InitializeAsync(string name = "transport-tests") =>
        CallAsync("initialize", new JsonObject { ["clientInfo"] = new JsonObject { ["name"] = name, ["version"] = "0.1.0" } });

    public Task<JsonObject> Expect(JsonNode id) =>
        _pending.GetOrAdd(id.ToJsonString(), _ => new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>The next response with no id to match (an error with <c>id: null</c>).</summary>
    public async Task<JsonObject> NextUnmatchedAsync()
    {
        using var cancel = new CancellationTokenSource(Timeout);
        return await _unmatched.Reader.ReadAsync(cancel.Token);
    }

    /// <summary>The next request the server sent to this client (a message with a method and an id).</summary>
    public async Task<JsonObject> NextRequestAsync()
    {
        using var cancel = new CancellationTokenSource(Timeout);
        return await _requests.Reader.ReadAsync(cancel.Token);
    }

    public async Task<JsonObject> NextNotificationAsync()
    {
        using var cancel = new CancellationTokenSource(Timeout);
        return await _notifications.Reader.ReadAsync(cancel.Token);
    }

    /// <summary>Whether any response without an id is waiting (after a later response proved ordering).</summary>
    public bool TryTakeUnmatched(out JsonObject? message) => _unmatched.Reader.TryRead(out message);

    public async Task CloseInputAsync() => await _writer.DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _reader.CompleteAsync();
        _writeLock.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (await ReadFrameAsync() is { } payload)
            {
                var json = _encoding == WireEncoding.MessagePack ? MessagePackSerializer.ConvertToJson(payload) : Encoding.UTF8.GetString(payload);
                Dispatch(JsonNode.Parse(json)!.AsObject());
            }
        }
        finally
        {
            _notifications.Writer.TryComplete();
            _unmatched.Writer.TryComplete();
            _requests.Writer.TryComplete();
        }
    }

    private void Dispatch(JsonObject message)
    {
        if (message.ContainsKey("method") && !message.ContainsKey("id"))
        {
            _notifications.Writer.TryWrite(message);
            return;
        }

        if (message.ContainsKey("method"))
        {
            _requests.Writer.TryWrite(message);
            return;
        }

        if (message["id"] is not { } id)
        {
            _unmatched.Writer.TryWrite(message);
            return;
        }

        var key = id.ToJsonString();
        _responsesPerId.AddOrUpdate(key, 1, (_, count) => count + 1);
        _pending.GetOrAdd(key, _ => new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(message);
    }

    private async Task<byte[]?> ReadFrameAsync()
    {
        while (true)
        {
            var result = await _reader.ReadAsync();
            var buffer = result.Buffer;
            if (TryCut(ref buffer, out var payload))
            {
                _reader.AdvanceTo(buffer.Start);
                return payload;
            }

            if (result.IsCompleted)
            {
                buffer.IsEmpty.Should().BeTrue("the server must not end its output inside a frame");
                return null;
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private bool TryCut(ref ReadOnlySequence<byte> buffer, out byte[] payload)
    {
        payload = [];
        switch (_framing)
        {
            case WireFraming.Lines:
                if (buffer.PositionOf((byte)'\n') is not { } newline)
                {
                    return false;
                }

                payload = buffer.Slice(0, newline).ToArray();
                buffer = buffer.Slice(buffer.GetPosition(1, newline));
                return true;
            case WireFraming.Headers:
                var reader = new SequenceReader<byte>(buffer);
                if (!reader.TryReadTo(out ReadOnlySequence<byte> header, "\r\n\r\n"u8))
                {
                    return false;
                }

                // The server writes exactly one header, with the length in bytes.
                var text = Encoding.ASCII.GetString(header.ToArray());
                text.Should().MatchRegex("^Content-Length: [0-9]+$");
                var length = int.Parse(text["Content-Length: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
                if (reader.Remaining < length)
                {
                    return false;
                }

                payload = reader.UnreadSequence.Slice(0, length).ToArray();
                buffer = buffer.Slice(reader.Position).Slice(length);
                return true;
            default:
                if (buffer.Length < 4)
                {
                    return false;
                }

                Span<byte> prefix = stackalloc byte[4];
                buffer.Slice(0, 4).CopyTo(prefix);
                var size = BinaryPrimitives.ReadInt32BigEndian(prefix);
                if (buffer.Length < 4 + size)
                {
                    return false;
                }

                payload = buffer.Slice(4, size).ToArray();
                buffer = buffer.Slice(4 + size);
                return true;
        }
    }
}
