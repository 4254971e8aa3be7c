using AppServer.DevIssuer.Hosting;
using AppServer.DevIssuer.Http;
using AppServer.DevIssuer.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AppServer.DevIssuer;

/// <summary>
/// A real HTTP mock of the OpenAI issuer on 127.0.0.1: single-use refresh-token rotation, the login
/// grants, device-code endpoints, scripted failures, a gate for forcing overlap, and an admin API
/// (see <see cref="AdminHandler"/>) for drivers in other processes. It never listens beyond loopback.
/// </summary>
internal sealed class MockIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IssuerState _state;
    private readonly CancellationTokenSource _stopping;
    private int _disposed;

    private MockIssuer(WebApplication app, IssuerState state, CancellationTokenSource stopping, Uri baseUri)
    {
        _app = app;
        _state = state;
        _stopping = stopping;
        BaseUri = baseUri;
        Issuer = baseUri.GetLeftPart(UriPartial.Authority);
        TokenEndpoint = new Uri(baseUri, IssuerPaths.Token);
    }

    /// <summary>Root of the issuer, e.g. <c>http://127.0.0.1:54321/</c> (note: <see cref="Uri"/> adds the slash).</summary>
    public Uri BaseUri { get; }

    /// <summary>
    /// The issuer without a trailing slash, e.g. <c>http://127.0.0.1:54321</c>: the value for
    /// <c>CODEX_APP_SERVER_LOGIN_ISSUER</c>, so <c>{issuer}/deviceauth/callback</c> comes out exact.
    /// </summary>
    public string Issuer { get; }

    /// <summary><c>{Issuer}/oauth/token</c>: the value for <c>CODEX_REFRESH_TOKEN_URL_OVERRIDE</c>.</summary>
    public Uri TokenEndpoint { get; }

    /// <summary>Refresh-grant POSTs so far, counted on arrival (before any gate or delay).</summary>
    public int RefreshRequestCount => _state.Journal.RefreshCount;

    /// <summary>Every non-admin request so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _state.Journal.Snapshot();

    /// <summary>Non-admin request counts keyed by path.</summary>
    public IReadOnlyDictionary<string, int> RequestsByPath => _state.Journal.CountsByPath();

    public RefreshModeSettings CurrentRefreshMode => _state.Mode;

    /// <summary>Starts Kestrel on 127.0.0.1 (port from <paramref name="options"/>, default any free port).</summary>
    public static async Task<MockIssuer> StartAsync(MockIssuerOptions? options = null, CancellationToken ct = default)
    {
        options ??= new MockIssuerOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.AccessTokenLifetime, TimeSpan.Zero);

        var stopping = new CancellationTokenSource();
        var state = new IssuerState(options, stopping.Token);
        var app = IssuerHost.Build(options, new IssuerRouter(state).HandleAsync);
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            return new MockIssuer(app, state, stopping, new Uri(address));
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            stopping.Dispose();
            throw;
        }
    }

    /// <summary>Mints a token set whose refresh token is a live, unused grant.</summary>
    /// <param name="accessTokenExpired">Mint the access token already expired, so the server must refresh first.</param>
    public IssuedCredentials IssueCredentials(
        string email = "user@example.com",
        string? plan = "pro",
        string accountId = "acct_123",
        string userId = "user-123",
        bool accessTokenExpired = false) =>
        _state.Grants.Issue(new MockAccount(email, plan, accountId, userId), accessTokenExpired);

    /// <summary>
    /// Creates a code the authorization-code grant will exchange for <paramref name="credentials"/>, once,
    /// given exactly <paramref name="redirectUri"/> and a verifier whose S256 hash is <paramref name="codeChallenge"/>.
    /// </summary>
    public string CreateAuthorizationCode(string codeChallenge, string redirectUri, IssuedCredentials credentials)
    {
        ArgumentException.ThrowIfNullOrEmpty(codeChallenge);
        ArgumentException.ThrowIfNullOrEmpty(redirectUri);
        ArgumentNullException.ThrowIfNull(credentials);
        return _state.Codes.Create(codeChallenge, redirectUri, credentials);
    }

    /// <summary>
    /// Approves a pending device-code login: its next poll returns an authorization code (bound to
    /// <c>{Issuer}/deviceauth/callback</c>) and the PKCE pair that exchanges it for <paramref name="credentials"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No device-code login has <paramref name="userCode"/>.</exception>
    public void ApproveDeviceCode(string userCode, IssuedCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var verifier = Pkce.CreateVerifier();
        var challenge = Pkce.Challenge(verifier);
        var code = _state.Codes.Create(challenge, Issuer + IssuerPaths.DeviceCallback, credentials);
        _state.Devices.Approve(userCode, new DeviceApproval(code, challenge, verifier));
    }

    /// <summary>Queues a response for the next refresh request; scripts play in FIFO order before <see cref="CurrentRefreshMode"/>.</summary>
    public void EnqueueTokenResponse(MockResponse response) => _state.Scripts.Enqueue(IssuerEndpoint.Refresh, response);

    /// <summary>Queues a response for the next request to <paramref name="endpoint"/>, ahead of its normal logic.</summary>
    public void EnqueueResponse(IssuerEndpoint endpoint, MockResponse response) => _state.Scripts.Enqueue(endpoint, response);

    /// <summary>Switches how unscripted refreshes are answered; unset knobs take <see cref="RefreshModeSettings.Default"/>.</summary>
    public void SetRefreshMode(RefreshMode mode, string? errorCode = null, int? retryAfterSeconds = null, TimeSpan? delay = null)
    {
        var defaults = RefreshModeSettings.Default;
        _state.Mode = new RefreshModeSettings(
            mode,
            errorCode ?? defaults.ErrorCode,
            retryAfterSeconds ?? defaults.RetryAfterSeconds,
            delay ?? defaults.Delay);
    }

    /// <summary>
    /// Holds every refresh response until the returned gate is released (or disposed). Requests are
    /// still counted on arrival, so <see cref="WaitForRefreshRequestsAsync"/> sees them. While a gate
    /// is closed, further calls return that same gate.
    /// </summary>
    public RequestGate HoldRefreshes() => _state.HoldRefreshes();

    /// <summary>Completes once <paramref name="count"/> refresh requests in total have arrived.</summary>
    /// <exception cref="TimeoutException">Fewer arrived within <paramref name="timeout"/>.</exception>
    public async Task WaitForRefreshRequestsAsync(int count, TimeSpan timeout, CancellationToken ct = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _stopping.Token);
        await _state.Journal.WaitForRefreshesAsync(count, timeout, linked.Token).ConfigureAwait(false);
    }

    /// <summary>From now on <c>GET /v1/me</c> answers 401 to <paramref name="accessToken"/>, as the real API does to a revoked or expired bearer.</summary>
    public void RejectAccessToken(string accessToken) => _state.Rejected.Reject(accessToken);

    /// <summary>The mock API call (<c>GET /v1/me</c>) that answers 401 to rejected access tokens.</summary>
    public Uri ApiEndpoint => new(BaseUri, Http.IssuerPaths.Me);

    /// <summary>Refresh requests so far with this <c>refresh_reason</c> (<c>none</c>: sent without one).</summary>
    public int RefreshReasonCount(string reason) => _state.RefreshReasons.GetValueOrDefault(reason);

    /// <summary>Non-admin requests so far to <paramref name="path"/>.</summary>
    public int RequestCount(string path) => RequestsByPath.GetValueOrDefault(path);

    /// <summary>Aborts held and hung requests, then stops Kestrel.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _stopping.Dispose();
        }
    }
}
