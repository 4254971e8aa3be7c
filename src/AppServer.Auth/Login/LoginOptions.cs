using AppServer.Auth.Refresh;

namespace AppServer.Auth.Login;

/// <summary>Settings shared by the browser and device-code logins. The defaults are the production values.</summary>
internal sealed record LoginOptions
{
    public const int DefaultPort = 1455;

    /// <summary>
    /// The issuer base URL, e.g. <c>https://auth.openai.com</c>. The host reads the
    /// <c>CODEX_APP_SERVER_LOGIN_ISSUER</c> override; this type never touches the environment.
    /// </summary>
    public string Issuer { get; init; } = LoginEndpoints.DefaultIssuer;

    /// <summary>The browser login's port on 127.0.0.1; 0 takes any free port (tests only).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>When set, only this ChatGPT workspace may sign in (docs/codex-compatibility.md §8.1 step 5).</summary>
    public string? ForcedWorkspaceId { get; init; }

    /// <summary>The <c>originator</c> of the authorize URL (docs/codex-compatibility.md §6.5); read when a login starts.</summary>
    public Func<string> Originator { get; init; } = static () => TokenRefreshOptions.DefaultOriginator;

    /// <summary>How long a browser login may stay open before it ends with <see cref="LoginMessages.TimedOut"/>.</summary>
    public TimeSpan LoginTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a device code is polled before the login ends as timed out.</summary>
    public TimeSpan DeviceCodeTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Clock for every timeout and delay, and for <c>last_refresh</c>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Pause between bind attempts when the port is busy (docs/codex-compatibility.md §8.1: 200 ms, 10 attempts).</summary>
    public TimeSpan BindRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound for one request to the issuer, from connect to the last body byte.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Real-time floor between device-code polls. The issuer may say <c>interval: "0"</c>; without a
    /// floor that would be a hot loop against the issuer for up to 15 minutes.
    /// </summary>
    public TimeSpan MinimumPollDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Throws for values no login could run with.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Issuer, nameof(Issuer));
        if (!Uri.TryCreate(LoginEndpoints.Normalize(Issuer), UriKind.Absolute, out Uri? issuer)
            || (issuer.Scheme != Uri.UriSchemeHttp && issuer.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The issuer must be an absolute http(s) URL.", nameof(Issuer));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(Port, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535, nameof(Port));
        ArgumentNullException.ThrowIfNull(Originator, nameof(Originator));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LoginTimeout, TimeSpan.Zero, nameof(LoginTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DeviceCodeTimeout, TimeSpan.Zero, nameof(DeviceCodeTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(BindRetryDelay, TimeSpan.Zero, nameof(BindRetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestTimeout, TimeSpan.Zero, nameof(RequestTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MinimumPollDelay, TimeSpan.Zero, nameof(MinimumPollDelay));
    }
}
