namespace AppServer.Bench.Driver;

/// <summary>A set of samples, sorted, with percentiles by linear interpolation between closest ranks.</summary>
internal sealed class Distribution
{
    private readonly double[] _sorted;

    public Distribution(IEnumerable<double> samples)
    {
        _sorted = samples.Order().ToArray();
        if (_sorted.Length == 0)
        {
            throw new ArgumentException("No samples.", nameof(samples));
        }
    }

    public int Count => _sorted.Length;

    public double Min => _sorted[0];

    public double Max => _sorted[^1];

    public double Median => Percentile(50);

    /// <summary>The <paramref name="percent"/>th percentile (0–100), interpolated like numpy's default.</summary>
    public double Percentile(double percent)
    {
        var rank = percent / 100 * (_sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, _sorted.Length - 1);
        return _sorted[low] + ((rank - low) * (_sorted[high] - _sorted[low]));
    }
}
