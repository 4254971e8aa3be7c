using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using AppServer.Hosting;
using AppServer.Protocol;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;
using StreamJsonRpc.Reflection;

namespace AppServer.Framing;

/// <summary>
/// JSON-RPC framing that survives bad input, for every framing and encoding the server speaks.
/// StreamJsonRpc's own handlers end the connection on the first malformed frame, buffer frames of
/// any size, and can leave a half-written line when serialization fails. This one answers a bad
/// frame with -32700/-32600 and reads on, refuses oversize frames without buffering them, answers
/// requests beyond the pending cap with -32001, builds every outgoing frame in memory before one
/// locked write, and holds back end-of-input until every request read has been answered.
/// </summary>
/// <remarks>
/// Under JSON the framing (lines or Content-Length headers) is detected from the first bytes and
/// replies use the same framing; MessagePack is always length-prefixed.
/// </remarks>
internal sealed partial class FramedMessageHandler : IJsonRpcMessageHandler, IJsonRpcMessageBufferManager, IRequestParking, IDisposable
{
    /// <summary>The top-level member of every outgoing notification: milliseconds since the Unix epoch.</summary>
    public const string EmittedAtMs = "emittedAtMs";

    private readonly Stream _sending;
    private readonly PipeReader _input;
    private readonly PayloadCodec _codec;
    private readonly IJsonRpcMessageFormatter _formatter;
    private readonly FramingOptions _options;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly PendingRequests _pending = new();

    // Requests this server sent and the client has not answered yet: only a response to one of
    // them may reach StreamJsonRpc, which ends the whole connection on any other.
    private readonly ConcurrentDictionary<RequestId, byte> _serverRequests = new();
    private readonly TaskCompletionSource<FrameWriter> _writer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private readonly Func<Task>? _flushBeforeEnd;
    private IFrameReader? _frames;
    private bool _shedding;
    private int _writesInProgress;

    /// <param name="flushBeforeEnd">
    /// At end of input, once every request read has been answered: the outgoing work to finish
    /// before the connection reports the end (StreamJsonRpc can send nothing after that).
    /// </param>
    public FramedMessageHandler(Stream sending, Stream receiving, PayloadCodec codec, FramingOptions options, ILogger logger, Func<Task>? flushBeforeEnd = null)
    {
        _flushBeforeEnd = flushBeforeEnd;
        _sending = sending;
        _input = PipeReader.Create(receiving, new StreamPipeReaderOptions(leaveOpen: true));
        _codec = codec;
        _formatter = codec.CreateFormatter();
        _options = options;
        _logger = logger;
        if (codec.FixedFraming is { } framing)
        {
            UseFraming(framing);
        }
    }

    public bool CanRead => true;

    public bool CanWrite => true;

    public IJsonRpcMessageFormatter Formatter => _formatter;

    public async ValueTask<JsonRpcMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        var frames = _frames ?? await DetectFramingAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var frame = await frames.ReadAsync(cancellationToken).ConfigureAwait(false);
            switch (frame.Kind)
            {
                case FrameKind.End:
                    await DrainAsync().ConfigureAwait(false);
                    return null;
                case FrameKind.Refused:
                    LogRefusedFrame(_logger, frame.Problem!);
                    await WriteErrorAsync(ErrorCodes.InvalidRequest, $"Invalid request: {frame.Problem}", id: null, cancellationToken).ConfigureAwait(false);
                    continue;
            }

            var payload = frame.Payload!;
            var verdict = _codec.Inspect(payload);
            if (!verdict.IsValid)
            {
                LogRefusedFrame(_logger, verdict.Problem!);
                await WriteErrorAsync(verdict.ErrorCode!.Value, verdict.Problem!, verdict.Id, cancellationToken).ConfigureAwait(false);
                continue;
            }

            JsonRpcMessage message;
            try
            {
                message = _codec.Deserialize(payload, _formatter);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (verdict.IsResponse)
                {
                    // A reply is never answered (that would be a reply to a reply), even a garbled one.
                    LogStrayResponse(_logger, "(unreadable)");
                    continue;
                }

                // The formatter's message can quote the payload; log only the exception type.
                LogRefusedFrame(_logger, ex.GetType().Name);
                await WriteErrorAsync(ErrorCodes.InvalidRequest, "Invalid request: not a valid JSON-RPC message", verdict.Id, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (message is JsonRpcResult or JsonRpcError && !IsAwaitedResponse((IJsonRpcMessageWithId)message))
            {
                (message as IJsonRpcMessageBufferManager)?.DeserializationComplete(message);
                continue;
            }

            if (message is JsonRpcRequest { IsResponseExpected: true } request && !await TryAdmitAsync(request.RequestId, payload.Length, cancellationToken).ConfigureAwait(false))
            {
                // Shed rather than queue: the reply costs one small write, and reading goes on, so a
                // $/cancelRequest or a reply to a server request behind it is still seen.
                (message as IJsonRpcMessageBufferManager)?.DeserializationComplete(message);
                await WriteErrorAsync(ErrorCodes.Overloaded, ErrorMessages.Overloaded, verdict.Id, cancellationToken).ConfigureAwait(false);
                continue;
            }

            return message;
        }
    }

    public async ValueTask WriteAsync(JsonRpcMessage content, CancellationToken cancellationToken)
    {
        var writer = await _writer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (content is JsonRpcRequest { IsResponseExpected: false } notification)
        {
            // Every notification says when it was emitted, beside method and params, as Codex 0.169
            // and later do; stamped here so every framing and encoding carries it.
            notification.TrySetTopLevelProperty(EmittedAtMs, _options.Clock.GetUtcNow().ToUnixTimeMilliseconds());
        }

        var buffer = writer.Begin();
        _codec.Serialize(buffer, content, _formatter);

        // Registered before the write: the client's reply may be read before the write returns.
        RequestId? awaited = null;
        if (content is JsonRpcRequest { IsResponseExpected: true } request && _serverRequests.TryAdd(request.RequestId, 0))
        {
            awaited = request.RequestId;
        }

        try
        {
            await WriteFrameAsync(writer.Complete(buffer), cancellationToken).ConfigureAwait(false);
        }
        catch when (awaited is { } id)
        {
            _serverRequests.TryRemove(id, out _);
            throw;
        }
        // Only a response to an admitted request frees a slot (an error with no id answered nothing).
        if (content is JsonRpcResult or JsonRpcError { RequestId.IsEmpty: false })
        {
            _pending.Complete(((IJsonRpcMessageWithId)content).RequestId);
        }
    }

    public bool TryPark(RequestId id) => _pending.TryPark(id, _options.MaxParkedRequests, _options.MaxParkedBytes);

    void IJsonRpcMessageBufferManager.DeserializationComplete(JsonRpcMessage message) =>
        (message as IJsonRpcMessageBufferManager)?.DeserializationComplete(message);

    public void Dispose()
    {
        _writeLock.Dispose();
        (_formatter as IDisposable)?.Dispose();
    }

    private async ValueTask<IFrameReader> DetectFramingAsync(CancellationToken cancellationToken)
    {
        var framing = await FramingDetector.DetectAsync(_input, cancellationToken).ConfigureAwait(false);
        LogFramingDetected(_logger, framing);
        return UseFraming(framing);
    }

    private IFrameReader UseFraming(WireFraming framing)
    {
        _frames = framing switch
        {
            WireFraming.Lines => new LineFrameReader(_input, _options.MaxMessageBytes),
            WireFraming.Headers => new HeaderFrameReader(_input, _options.MaxMessageBytes),
            _ => new LengthPrefixFrameReader(_input, _options.MaxMessageBytes),
        };

        // Replies go out in the framing the client spoke; nothing is written before that is known.
        _writer.TrySetResult(FrameWriter.For(framing));
        return _frames;
    }

    /// <summary>Some answer is waiting to be written: the client is not reading its input (or reads slowly).</summary>
    private bool OutputBlocked => Volatile.Read(ref _writesInProgress) > 0;

    /// <summary>
    /// Takes a pending slot. When all are taken, reading pauses for one to free (a burst is served,
    /// not shed); if none frees within the wait, this and every further request is shed until one does.
    /// While answers wait for the output, the slots are held by a slow reader rather than by slow
    /// work: reading stays paused for as long as that lasts (backpressure on the client's writes),
    /// since an overload error would only queue behind the answers it cannot read.
    /// </summary>
    private async ValueTask<bool> TryAdmitAsync(RequestId id, int bytes, CancellationToken cancellationToken)
    {
        var limit = _options.MaxPendingRequests;
        if (_pending.TryAdd(id, bytes, limit))
        {
            _shedding = false;
            return true;
        }

        while (true)
        {
            if (!_shedding && await _pending.TryAddAsync(id, bytes, limit, _options.OverloadWait, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            if (!OutputBlocked)
            {
                break;
            }

            _shedding = false;
        }

        if (!_shedding)
        {
            // Once per episode: a burst must not turn into thousands of log lines.
            _shedding = true;
            LogOverloaded(_logger, limit);
        }

        return false;
    }

    /// <summary>
    /// Whether a response from the client answers a request this server sent. Any other (an id the
    /// server never used, a null id) is dropped: StreamJsonRpc would treat it as a protocol
    /// violation and close the connection, losing every request already read.
    /// </summary>
    private bool IsAwaitedResponse(IJsonRpcMessageWithId response)
    {
        var id = response.RequestId;
        if (!id.IsEmpty && !id.IsNull && _serverRequests.TryRemove(id, out _))
        {
            return true;
        }

        LogStrayResponse(_logger, Describe(id));
        return false;
    }

    private static string Describe(RequestId id) =>
        id.Number is { } number ? number.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : id.String is { } text ? $"\"{ClientText.ForLog(text)}\""
        : "null";

    private async Task DrainAsync()
    {
        var drained = _pending.WhenDrainedAsync();
        if (!drained.IsCompleted)
        {
            LogDraining(_logger, _pending.Count);
            await Task.WhenAny(drained, Task.Delay(_options.DrainTimeout)).ConfigureAwait(false);
        }

        if (_flushBeforeEnd is not null)
        {
            var flushed = _flushBeforeEnd();
            if (await Task.WhenAny(flushed, Task.Delay(_options.FlushTimeout)).ConfigureAwait(false) != flushed)
            {
                LogFlushTimedOut(_logger, _options.FlushTimeout.TotalSeconds);
            }
        }
    }

    private async Task WriteErrorAsync(int code, string message, RawId? id, CancellationToken cancellationToken)
    {
        var writer = await _writer.Task.ConfigureAwait(false);
        var buffer = writer.Begin(128);
        _codec.WriteError(buffer, code, message, id);
        await WriteFrameAsync(writer.Complete(buffer), cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteFrameAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writesInProgress);
        try
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _sending.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
                await _sending.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _writesInProgress);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Serving {Framing} framing")]
    private static partial void LogFramingDetected(ILogger logger, WireFraming framing);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an incoming frame: {Problem}")]
    private static partial void LogRefusedFrame(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored a response to no request this server sent (id {Id})")]
    private static partial void LogStrayResponse(ILogger logger, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Limit} requests pending and none answered in time; answering new requests with 'Server overloaded' until one is")]
    private static partial void LogOverloaded(ILogger logger, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Input ended; notifications still queued after {Seconds} s are dropped")]
    private static partial void LogFlushTimedOut(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Input ended; waiting for {Count} pending responses")]
    private static partial void LogDraining(ILogger logger, int count);
}
