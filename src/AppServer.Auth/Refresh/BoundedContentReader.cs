using System.Buffers;
using System.Text;

namespace AppServer.Auth.Refresh;

/// <summary>Reads a response body as UTF-8 text, but never more than a fixed number of bytes.</summary>
internal static class BoundedContentReader
{
    /// <summary>Far above any real token response (a few KiB) and far below anything that hurts.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>
    /// Returns the text and whether it was cut short. A captive portal or a misbehaving proxy can
    /// stream an arbitrarily large body; only its start is ever useful here.
    /// </summary>
    public static async Task<(string Text, bool Truncated)> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // One byte past the limit tells "exactly at the limit" from "cut short".
            byte[] buffer = ArrayPool<byte>.Shared.Rent(MaxBytes + 1);
            try
            {
                int total = 0;
                while (total <= MaxBytes)
                {
                    int read = await stream.ReadAsync(buffer.AsMemory(total, MaxBytes + 1 - total), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    total += read;
                }

                bool truncated = total > MaxBytes;
                return (Encoding.UTF8.GetString(buffer, 0, Math.Min(total, MaxBytes)), truncated);
            }
            finally
            {
                // Cleared because an error body can echo the refresh token.
                ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
            }
        }
    }
}
