namespace AppServer.Auth.Refresh;

/// <summary>Settings for <see cref="TokenRefreshClient"/>. The defaults are the production values.</summary>
internal sealed record TokenRefreshOptions
{
    /// <summary>Replaces the token URL; upstream tests reach their mock through it (docs/codex-compatibility.md §11).</summary>
    public const string TokenEndpointOverrideVariable = "CODEX_REFRESH_TOKEN_URL_OVERRIDE";

    public const string DefaultTokenEndpointUrl = "https://auth.openai.com/oauth/token";

    public const string DefaultOriginator = "codex_cli_rs";

    /// <summary>
    /// Evaluated on every attempt, not once: upstream reads the override on each refresh, and
    /// tests point a running server at a new mock by changing it.
    /// </summary>
    public Func<Uri> TokenEndpoint { get; init; } = DefaultTokenEndpoint;

    /// <summary>
    /// The docs/codex-compatibility.md §6.5 User-Agent. The default is only a placeholder; the host supplies the full
    /// string once <c>initialize</c> has named the client.
    /// </summary>
    public Func<string> UserAgent { get; init; } = static () => DefaultOriginator;

    /// <summary>The <c>originator</c> header.</summary>
    public Func<string> Originator { get; init; } = static () => DefaultOriginator;

    /// <summary>
    /// Upper bound for one request, from connect to the last body byte, whatever the caller's
    /// token says: a hung endpoint must not hold the refresh lock (docs/failure-modes.md NET-04, NET-05).
    /// </summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests per call, including the first.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The backoff before the second attempt; it doubles for each later one, then is jittered.</summary>
    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The longest wait inside one call, for a <c>Retry-After</c> and as the cap of the computed
    /// backoff. A longer <c>Retry-After</c> ends the call with the transient error carrying it, so
    /// the caller can hold off instead of keeping the refresh lock.
    /// </summary>
    public TimeSpan MaxInCallRetryAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Uniform samples in [0, 1) for backoff jitter; replaceable so tests are deterministic.</summary>
    public Func<double> Jitter { get; init; } = Random.Shared.NextDouble;

    /// <summary>
    /// Reads <see cref="TokenEndpointOverrideVariable"/>, falling back to the production URL.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The override is set but is not an absolute http(s) URL. Falling back to production here
    /// would send a token meant for a mock to the real issuer, so the attempt fails instead.
    /// </exception>
    public static Uri DefaultTokenEndpoint()
    {
        string? value = Environment.GetEnvironmentVariable(TokenEndpointOverrideVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return new Uri(DefaultTokenEndpointUrl);
        }

        if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        // The value itself stays out of the message: an override URL may carry credentials.
        throw new InvalidOperationException($"{TokenEndpointOverrideVariable} is set but is not an absolute http(s) URL.");
    }
}
