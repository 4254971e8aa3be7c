using System.Text;

namespace AppServer.Auth.Login;

/// <summary>Reads the request line and headers of one HTTP/1.x request; the body, if any, is ignored.</summary>
internal static class HttpRequestReader
{
    /// <summary>A browser's request head is a few KiB; anything larger is not a login callback.</summary>
    public const int MaxHeadBytes = 16 * 1024;

    private static readonly byte[] s_headEnd = "\r\n\r\n"u8.ToArray();

    /// <summary>
    /// The request, or <see langword="null"/> when the peer closed early, sent too much or sent
    /// something that is not an HTTP/1.x request line with an origin-form or absolute-form target.
    /// </summary>
    public static async Task<HttpRequestHead?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] buffer = new byte[MaxHeadBytes];
        int total = 0;
        while (true)
        {
            int end = buffer.AsSpan(0, total).IndexOf(s_headEnd);
            if (end >= 0)
            {
                return Parse(Encoding.Latin1.GetString(buffer, 0, end));
            }

            if (total == buffer.Length)
            {
                return null;
            }

            int read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            total += read;
        }
    }

    private static HttpRequestHead? Parse(string head)
    {
        int lineEnd = head.IndexOf("\r\n", StringComparison.Ordinal);
        string[] parts = (lineEnd < 0 ? head : head[..lineEnd]).Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            return null;
        }

        string target = parts[1];
        if (!target.StartsWith('/'))
        {
            // Absolute form ("GET http://127.0.0.1:1455/cancel HTTP/1.1"), which proxies send.
            if (!Uri.TryCreate(target, UriKind.Absolute, out Uri? absolute) || absolute.Scheme != Uri.UriSchemeHttp)
            {
                return null;
            }

            target = absolute.PathAndQuery;
        }

        int question = target.IndexOf('?', StringComparison.Ordinal);
        string path = question < 0 ? target : target[..question];
        string query = question < 0 ? string.Empty : target[(question + 1)..];
        return new HttpRequestHead(parts[0], path, QueryString.Parse(query));
    }
}
