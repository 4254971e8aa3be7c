namespace AppServer.Bench.Driver;

/// <summary>Resident set size now (<c>VmRSS</c>) and its high-water mark (<c>VmHWM</c>), in bytes.</summary>
internal readonly record struct MemorySample(long ResidentBytes, long PeakResidentBytes)
{
    /// <summary>Reads <c>/proc/&lt;pid&gt;/status</c>; null when the process is gone or the file has no such lines.</summary>
    public static MemorySample? Read(int pid)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{pid}/status");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        long? rss = null;
        long? hwm = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = ParseKilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = ParseKilobytes(line);
            }
        }

        return rss is { } r && hwm is { } h ? new MemorySample(r, h) : null;
    }

    /// <summary>"VmHWM:\t   12345 kB" → 12345 * 1024.</summary>
    private static long ParseKilobytes(string line)
    {
        var value = line.AsSpan(line.IndexOf(':') + 1).Trim();
        var space = value.IndexOf(' ');
        return long.Parse(space < 0 ? value : value[..space], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
