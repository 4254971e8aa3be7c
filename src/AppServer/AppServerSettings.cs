using AppServer.Auth;
using AppServer.Auth.Config;
using AppServer.Auth.CrossProcess;
using AppServer.Auth.Login;
using AppServer.Auth.Manager;
using AppServer.Auth.Refresh;
using AppServer.Auth.Revoke;
using AppServer.Auth.Stores;
using AppServer.Framing;

namespace AppServer;

/// <summary>
/// What a server process is built from. Production uses the defaults; tests inject the home, the
/// clock, the HTTP handler and shorter timings.
/// </summary>
internal sealed record AppServerSettings
{
    public required CodexHome Home { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Replaces the socket handler for token-endpoint calls (tests only).</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    public AuthManagerOptions Auth { get; init; } = new();

    /// <summary>The settings of <c>config.toml</c>; null reads the file in the home (once, when the core is built).</summary>
    public CodexConfig? Config { get; init; }

    /// <summary>The keyring the stores use; null uses the operating system's (tests pass an in-memory one).</summary>
    public KeyringAccess? Keyrings { get; init; }

    /// <summary>Forced login method / workspace; null takes them from <see cref="Config"/>.</summary>
    public LoginPolicy? LoginPolicy { get; init; }

    /// <summary>Refresh-client settings; the User-Agent and originator are always supplied by the host.</summary>
    public TokenRefreshOptions Refresh { get; init; } = new();

    /// <summary>Revoke endpoint and bound; the User-Agent and originator are always supplied by the host.</summary>
    public RevokeOptions Revoke { get; init; } = new();

    public FramingOptions Framing { get; init; } = new();

    /// <summary>Browser and device-code login settings (issuer, callback port, timeouts).</summary>
    public LoginOptions Login { get; init; } = new();

    /// <summary>Watch the credential store for changes made by other processes (live reload).</summary>
    public bool WatchAuthFile { get; init; } = true;

    public AuthFileWatcherOptions Watcher { get; init; } = new();

    /// <summary>How often a store no file event announces (a direct keyring entry) is re-read.</summary>
    public TimeSpan StorePollInterval { get; init; } = StorePoller.DefaultInterval;
}
