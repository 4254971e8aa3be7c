namespace AppServer.Bench.Driver;

/// <summary>
/// Reads newline-delimited frames from a stream with blocking reads and no per-line allocation:
/// the returned span is valid until the next call.
/// </summary>
internal sealed class LineReader(Stream stream)
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>The next line without its '\n' (and without a trailing '\r'); false at end of stream.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        var scanned = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var length = scanned + newline;
                line = _buffer.AsSpan(_start, length);
                if (line.Length > 0 && line[^1] == (byte)'\r')
                {
                    line = line[..^1];
                }

                _start += length + 1;
                return true;
            }

            scanned = _end - _start;
            if (!Fill())
            {
                line = default;
                return false;
            }
        }
    }

    private bool Fill()
    {
        if (_start > 0)
        {
            // Keep the partial line at the front of the buffer.
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        return read > 0;
    }
}
