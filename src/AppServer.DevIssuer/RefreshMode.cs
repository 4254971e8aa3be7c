namespace AppServer.DevIssuer;

/// <summary>
/// How the refresh grant answers once scripted responses are used up. These are the scenarios the
/// <c>dev-issuer --scenario</c> verb exposes.
/// </summary>
internal enum RefreshMode
{
    /// <summary>Realistic single-use rotation: 200 with new tokens, then 401 <c>refresh_token_reused</c> for the spent token.</summary>
    Rotate,

    /// <summary>Every refresh gets 401 with a configurable error code.</summary>
    PermanentFailure,

    /// <summary>Every refresh gets 503.</summary>
    Transient,

    /// <summary>Every refresh gets 429 with <c>Retry-After</c> in delta-seconds.</summary>
    RateLimited,

    /// <summary>Every refresh waits a configurable delay, then rotates.</summary>
    Slow,
}
