using System.Buffers.Text;
using System.Text;

namespace AppServer.Bench.Driver;

/// <summary>The request lines the driver sends, encoded up front so no encoding happens inside a timed region.</summary>
internal static class Requests
{
    public const int InitializeId = 1;

    public static readonly byte[] Initialize =
        Encoding.UTF8.GetBytes("""{"id":1,"method":"initialize","params":{"clientInfo":{"name":"appserver-bench","version":"1.0.0"}}}""" + "\n");

    private static readonly byte[] s_statusPrefix = """{"id":"""u8.ToArray();
    private static readonly byte[] s_statusSuffix = Encoding.UTF8.GetBytes(""","method":"getAuthStatus","params":{"includeToken":true}}""" + "\n");

    /// <summary>The longest getAuthStatus line <see cref="WriteStatus"/> can produce.</summary>
    public static int MaxStatusLength => s_statusPrefix.Length + 20 + s_statusSuffix.Length;

    /// <summary>Writes <c>{"id":N,"method":"getAuthStatus","params":{"includeToken":true}}\n</c>; returns the byte count.</summary>
    public static int WriteStatus(long id, Span<byte> destination)
    {
        s_statusPrefix.CopyTo(destination);
        var written = s_statusPrefix.Length;
        if (!Utf8Formatter.TryFormat(id, destination[written..], out var digits))
        {
            throw new ArgumentException("Destination too small.", nameof(destination));
        }

        written += digits;
        s_statusSuffix.CopyTo(destination[written..]);
        return written + s_statusSuffix.Length;
    }

    /// <summary><paramref name="count"/> getAuthStatus lines with ids <paramref name="firstId"/>, <paramref name="firstId"/>+1, … in one buffer.</summary>
    public static byte[] StatusBatch(long firstId, int count)
    {
        var buffer = new byte[MaxStatusLength * count];
        var length = 0;
        for (var i = 0; i < count; i++)
        {
            length += WriteStatus(firstId + i, buffer.AsSpan(length));
        }

        return buffer[..length];
    }
}
