using System.Buffers;
using System.IO.Pipelines;
using AppServer.Bench.Driver;

namespace AppServer.Bench.InProc;

/// <summary>A raw newline-delimited JSON client on one end of a stream pair: writes bytes, reads answers by id.</summary>
internal sealed class InProcessClient(Stream stream) : IAsyncDisposable
{
    private readonly PipeReader _reader = PipeReader.Create(stream);

    public async ValueTask SendAsync(ReadOnlyMemory<byte> lines)
    {
        await stream.WriteAsync(lines).ConfigureAwait(false);
        await stream.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Reads lines until the response with <paramref name="id"/>.</summary>
    public async ValueTask<ResponseLine> ReadResponseAsync(long id)
    {
        while (true)
        {
            var response = await ReadAnyResponseAsync().ConfigureAwait(false);
            if (response.Id == id)
            {
                return response;
            }
        }
    }

    /// <summary>Reads lines until one carries a numeric id.</summary>
    public async ValueTask<ResponseLine> ReadAnyResponseAsync()
    {
        while (true)
        {
            var result = await _reader.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            while (buffer.PositionOf((byte)'\n') is { } newline)
            {
                var parsed = TryParse(buffer.Slice(0, newline), out var response);
                buffer = buffer.Slice(buffer.GetPosition(1, newline));
                if (parsed)
                {
                    _reader.AdvanceTo(buffer.Start);
                    return response;
                }
            }

            if (result.IsCompleted)
            {
                throw new InvalidOperationException("The server closed the connection.");
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync().ConfigureAwait(false);
        await stream.DisposeAsync().ConfigureAwait(false);
    }

    private static bool TryParse(ReadOnlySequence<byte> line, out ResponseLine response) =>
        ResponseLine.TryParse(line.IsSingleSegment ? line.FirstSpan : line.ToArray(), out response);
}
