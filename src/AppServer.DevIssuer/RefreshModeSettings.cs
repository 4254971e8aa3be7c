namespace AppServer.DevIssuer;

/// <summary>The active <see cref="RefreshMode"/> with the knobs the failure modes use.</summary>
/// <param name="Mode">The behaviour.</param>
/// <param name="ErrorCode">The <c>error.code</c> sent by <see cref="RefreshMode.PermanentFailure"/>.</param>
/// <param name="RetryAfterSeconds">The <c>Retry-After</c> value sent by <see cref="RefreshMode.RateLimited"/>.</param>
/// <param name="Delay">How long <see cref="RefreshMode.Slow"/> waits before rotating.</param>
internal sealed record RefreshModeSettings(RefreshMode Mode, string ErrorCode, int RetryAfterSeconds, TimeSpan Delay)
{
    public const string DefaultErrorCode = "refresh_token_expired";

    // 30 s is the Retry-After case in docs/failure-modes.md HTTP-13.
    public const int DefaultRetryAfterSeconds = 30;

    public static TimeSpan DefaultDelay { get; } = TimeSpan.FromSeconds(2);

    public static RefreshModeSettings Default { get; } =
        new(RefreshMode.Rotate, DefaultErrorCode, DefaultRetryAfterSeconds, DefaultDelay);
}
