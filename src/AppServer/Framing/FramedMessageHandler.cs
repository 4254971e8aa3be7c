using System.Buffers;
using System.IO.Pipelines;
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
internal sealed partial class FramedMessageHandler : IJsonRpcMessageHandler, IJsonRpcMessageBufferManager, IDisposable
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
    private readonly TaskCompletionSource<FrameWriter> _writer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private IFrameReader? _frames;
    private bool _shedding;

    public FramedMessageHandler(Stream sending, Stream receiving, PayloadCodec codec, FramingOptions options, ILogger logger)
    {
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
                message = _formatter.Deserialize(new ReadOnlySequence<byte>(payload));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The formatter's message can quote the payload; log only the exception type.
                LogRefusedFrame(_logger, ex.GetType().Name);
                await WriteErrorAsync(ErrorCodes.InvalidRequest, "Invalid request: not a valid JSON-RPC message", verdict.Id, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (message is JsonRpcRequest { IsResponseExpected: true } && !await TryAdmitAsync(cancellationToken).ConfigureAwait(false))
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
        await WriteFrameAsync(writer.Complete(buffer), cancellationToken).ConfigureAwait(false);
        // Only a response to an admitted request frees a slot (an error with no id answered nothing).
        if (content is JsonRpcResult or JsonRpcError { RequestId.IsEmpty: false })
        {
            _pending.Complete();
        }
    }

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

    /// <summary>
    /// Takes a pending slot. When all are taken, reading pauses for one to free (a burst is served,
    /// not shed); if none frees within the wait, this and every further request is shed until one does.
    /// </summary>
    private async ValueTask<bool> TryAdmitAsync(CancellationToken cancellationToken)
    {
        var limit = _options.MaxPendingRequests;
        if (_pending.TryAdd(limit))
        {
            _shedding = false;
            return true;
        }

        if (!_shedding && await _pending.TryAddAsync(limit, _options.OverloadWait, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        if (!_shedding)
        {
            // Once per episode: a burst must not turn into thousands of log lines.
            _shedding = true;
            LogOverloaded(_logger, limit);
        }

        return false;
    }

    private async Task DrainAsync()
    {
        var drained = _pending.WhenDrainedAsync();
        if (!drained.IsCompleted)
        {
            LogDraining(_logger, _pending.Count);
            await Task.WhenAny(drained, Task.Delay(_options.DrainTimeout)).ConfigureAwait(false);
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Serving {Framing} framing")]
    private static partial void LogFramingDetected(ILogger logger, WireFraming framing);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an incoming frame: {Problem}")]
    private static partial void LogRefusedFrame(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Limit} requests pending and none answered in time; answering new requests with 'Server overloaded' until one is")]
    private static partial void LogOverloaded(ILogger logger, int limit);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Input ended; waiting for {Count} pending responses")]
    private static partial void LogDraining(ILogger logger, int count);
}
