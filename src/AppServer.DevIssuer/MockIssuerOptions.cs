using Microsoft.Extensions.Logging;

namespace AppServer.DevIssuer;

/// <summary>Start-up settings for <see cref="MockIssuer"/>.</summary>
internal sealed class MockIssuerOptions
{
    /// <summary>The Codex CLI OAuth client id (docs/codex-compatibility.md §11).</summary>
    public const string CodexClientId = "app_EMoamEEZ73f0CkXaXp7hrann";

    /// <summary>Port on 127.0.0.1; 0 (the default) lets the OS pick a free one.</summary>
    public int Port { get; init; }

    /// <summary>Lifetime of minted access tokens (their <c>exp</c> is now plus this).</summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// When set, <c>GET /oauth/authorize</c> signs in <see cref="LoginAccount"/> at once and redirects
    /// to the <c>redirect_uri</c>. When clear it only records the request and serves a placeholder page,
    /// and the test drives the callback itself with <see cref="MockIssuer.CreateAuthorizationCode"/>.
    /// </summary>
    public bool AutoApprove { get; init; } = true;

    /// <summary>The identity an auto-approved browser login receives.</summary>
    public MockAccount LoginAccount { get; init; } = MockAccount.Default;

    /// <summary>
    /// The <c>client_id</c> token and device-code requests must carry, so a client that sends the wrong
    /// one fails the way it would against the real issuer. <see langword="null"/> accepts any value.
    /// </summary>
    public string? RequiredClientId { get; init; } = CodexClientId;

    /// <summary>Clock for token <c>iat</c>/<c>exp</c> and arrival times. Delays always run on real time.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Receives Kestrel's and the host's logs. <see langword="null"/> (the default) discards them, because
    /// the exe that embeds the issuer speaks JSON-RPC on stdout.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
