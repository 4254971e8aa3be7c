namespace AppServer.Auth.Refresh;

/// <summary>Exponential backoff with full jitter between refresh attempts.</summary>
internal static class RefreshBackoff
{
    /// <summary>
    /// <c>min(cap, base × 2^(failedAttempts − 1)) × jitter</c>. Full jitter spreads the retries
    /// of several app-server processes that failed on the same outage, so they do not come back
    /// in lockstep.
    /// </summary>
    /// <param name="failedAttempts">Attempts that have failed so far, from 1.</param>
    /// <param name="baseDelay">The ceiling for the first retry.</param>
    /// <param name="cap">The ceiling for any retry.</param>
    /// <param name="jitter">A sample in [0, 1]; values outside are clamped.</param>
    public static TimeSpan Compute(int failedAttempts, TimeSpan baseDelay, TimeSpan cap, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);

        // Doubles, so a large attempt number saturates at the cap instead of overflowing.
        double ceilingTicks = Math.Min(cap.Ticks, baseDelay.Ticks * Math.Pow(2, failedAttempts - 1));
        double factor = double.IsNaN(jitter) ? 0 : Math.Clamp(jitter, 0, 1);
        return TimeSpan.FromTicks((long)(ceilingTicks * factor));
    }
}
