using System.IO.Pipelines;

namespace AppServer.Framing;

/// <summary>Drops a known number of bytes from a pipe as they arrive, holding none of them.</summary>
internal static class PipeSkip
{
    /// <summary>Skips <paramref name="count"/> bytes; false when the input ends first.</summary>
    public static async ValueTask<bool> SkipAsync(PipeReader reader, long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var take = Math.Min(count, buffer.Length);
            reader.AdvanceTo(buffer.GetPosition(take));
            count -= take;
            if (count > 0 && result.IsCompleted)
            {
                return false;
            }
        }

        return true;
    }
}
