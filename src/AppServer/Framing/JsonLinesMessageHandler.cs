using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;
using StreamJsonRpc.Reflection;

namespace AppServer.Framing;

/// <summary>
/// Newline-delimited JSON-RPC framing that survives bad input. StreamJsonRpc's own handlers end the
/// connection on the first malformed line and can leave a half-written line when serialization
/// fails; this one answers a bad frame with -32700/-32600 and reads on, builds every outgoing frame
/// in memory before one locked write, and holds back end-of-input until every request read has
/// been answered.
/// </summary>
internal sealed partial class JsonLinesMessageHandler : IJsonRpcMessageHandler, IJsonRpcMessageBufferManager, IDisposable
{
    private readonly Stream _sending;
    private readonly LineFrameReader _frames;
    private readonly IJsonRpcMessageFormatter _formatter;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly PendingRequests _pending = new();
    private readonly TimeSpan _drainTimeout;
    private readonly ILogger _logger;

    public JsonLinesMessageHandler(Stream sending, Stream receiving, IJsonRpcMessageFormatter formatter, FramingOptions options, ILogger logger)
    {
        _sending = sending;
        _frames = new LineFrameReader(PipeReader.Create(receiving, new StreamPipeReaderOptions(leaveOpen: true)), options.MaxMessageBytes);
        _formatter = formatter;
        _drainTimeout = options.DrainTimeout;
        _logger = logger;
    }

    public bool CanRead => true;

    public bool CanWrite => true;

    public IJsonRpcMessageFormatter Formatter => _formatter;

    public async ValueTask<JsonRpcMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var frame = await _frames.ReadAsync(cancellationToken).ConfigureAwait(false);
            switch (frame.Kind)
            {
                case FrameKind.End:
                    await DrainAsync().ConfigureAwait(false);
                    return null;
                case FrameKind.Refused:
                    LogRefusedFrame(_logger, frame.Problem!);
                    await WriteErrorAsync(AppServer.Protocol.ErrorCodes.InvalidRequest, $"Invalid request: {frame.Problem}", id: null, cancellationToken).ConfigureAwait(false);
                    continue;
            }

            var payload = frame.Payload!;
            var verdict = FrameInspector.Inspect(payload);
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
                await WriteErrorAsync(AppServer.Protocol.ErrorCodes.InvalidRequest, "Invalid request: not a valid JSON-RPC message", verdict.Id, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (message is JsonRpcRequest { IsResponseExpected: true })
            {
                _pending.Add();
            }

            return message;
        }
    }

    public async ValueTask WriteAsync(JsonRpcMessage content, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        _formatter.Serialize(buffer, content);
        buffer.Write("\n"u8);
        await WriteFrameAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        if (content is JsonRpcResult or JsonRpcError)
        {
            _pending.Complete();
        }
    }

    void IJsonRpcMessageBufferManager.DeserializationComplete(JsonRpcMessage message) =>
        (message as IJsonRpcMessageBufferManager)?.DeserializationComplete(message);

    public void Dispose() => _writeLock.Dispose();

    private async Task DrainAsync()
    {
        var drained = _pending.WhenDrainedAsync();
        if (!drained.IsCompleted)
        {
            LogDraining(_logger, _pending.Count);
            await Task.WhenAny(drained, Task.Delay(_drainTimeout)).ConfigureAwait(false);
        }
    }

    private async Task WriteErrorAsync(int code, string message, RawId? id, CancellationToken cancellationToken)
    {
        var idJson = id?.Json ?? "null";
        var messageJson = System.Text.Json.JsonSerializer.Serialize(message, Rpc.RpcJsonContext.Default.String);
        var frame = Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"id\":{idJson},\"error\":{{\"code\":{code},\"message\":{messageJson}}}}}\n");
        await WriteFrameAsync(frame, cancellationToken).ConfigureAwait(false);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an incoming frame: {Problem}")]
    private static partial void LogRefusedFrame(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Input ended; waiting for {Count} pending responses")]
    private static partial void LogDraining(ILogger logger, int count);
}
