namespace AppServer.Auth.Refresh;

/// <summary>How a non-2xx status from the token endpoint is treated; the rows of <see cref="RefreshFailureClassifier"/>.</summary>
internal enum RefreshStatusRule
{
    /// <summary>Always permanent; the body code only picks the reason (401).</summary>
    Permanent,

    /// <summary>Permanent when the body carries a terminal code, otherwise a transient that is not retried (400).</summary>
    PermanentWhenTerminalCode,

    /// <summary>Transient and worth retrying inside the call (408, 429, 5xx).</summary>
    TransientRetryable,

    /// <summary>
    /// Transient, but the same request would get the same answer, so it is returned at once and
    /// the next demand decides (403, other 4xx, unfollowed 3xx).
    /// </summary>
    TransientFinal,
}
