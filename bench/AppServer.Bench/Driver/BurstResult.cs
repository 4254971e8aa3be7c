namespace AppServer.Bench.Driver;

/// <summary>
/// A pipelined burst: how many requests were written, how many distinct ids were answered with a
/// result, how many with an error, and the time from the first write to the last answer.
/// </summary>
internal sealed record BurstResult(int Expected, int Answered, int Errors, TimeSpan Elapsed)
{
    /// <summary>Requests that got no answer at all (an error answer still counts as answered).</summary>
    public int Lost => Expected - Answered - Errors;

    /// <summary>Answers (results and errors) per second of elapsed time.</summary>
    public double PerSecond => (Answered + Errors) / Elapsed.TotalSeconds;
}
