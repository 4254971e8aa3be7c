using AppServer.Auth.Config;
using AppServer.Auth.CrossProcess;
using AppServer.Auth.Manager;
using AppServer.Auth.Refresh;
using AppServer.Auth.Revoke;
using AppServer.Auth.Storage;
using AppServer.Auth.Stores;
using AppServer.Handlers.Initialize;
using Microsoft.Extensions.Logging;

namespace AppServer;

/// <summary>
/// The AuthManager and its HTTP client, built the same way for the JSON-RPC server and for the
/// command-line verbs (<c>status</c>, <c>login</c>, <c>logout</c>).
/// </summary>
internal sealed class AuthCore : IDisposable
{
    public AuthCore(AppServerSettings settings, UserAgent userAgent, ILoggerFactory loggerFactory)
    {
        // No redirects: a followed 307/308 would re-post a refresh token to another URL. The refresh
        // applies its own per-attempt timeout, so the client has none.
        Http = new HttpClient(settings.HttpHandler ?? new SocketsHttpHandler { AllowAutoRedirect = false }, disposeHandler: settings.HttpHandler is null)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var refreshOptions = settings.Refresh with { UserAgent = () => userAgent.Value, Originator = () => userAgent.Originator };
        var home = settings.Home.Path;

        // Read once per process: every later decision (store, login policy) uses this copy.
        Config = settings.Config ?? CodexConfigReader.Read(home, loggerFactory.CreateLogger<CodexConfig>());
        Stores = CredentialStoreFactory.Create(Config, home, settings.Keyrings ?? PlatformKeyringAccess.Create(loggerFactory), loggerFactory);
        Manager = new AuthManager(
            Stores.Store,
            new TokenRefreshClient(Http, refreshOptions, settings.TimeProvider, loggerFactory.CreateLogger<TokenRefreshClient>()),
            new FileRefreshLock(Path.Combine(home, FileRefreshLock.FileName), settings.TimeProvider, loggerFactory.CreateLogger<FileRefreshLock>()),
            new RefreshStatusStore(home),
            settings.TimeProvider,
            settings.Auth,
            loggerFactory.CreateLogger<AuthManager>());

        // Tokens a logout or a new login retired are revoked at the issuer in the background: the
        // local change never waits for the network, and the host drains these before it exits.
        var revokeOptions = settings.Revoke with { UserAgent = () => userAgent.Value, Originator = () => userAgent.Originator };
        Revocations = new TokenRevocations(
            new TokenRevoker(Http, revokeOptions, settings.TimeProvider, loggerFactory.CreateLogger<TokenRevoker>()),
            settings.TimeProvider,
            loggerFactory.CreateLogger<TokenRevocations>());
        Manager.TokensRetired += token => Revocations.Start(token);
    }

    public HttpClient Http { get; }

    public CodexConfig Config { get; }

    /// <summary>The credential store in use and what live reload watches.</summary>
    public CredentialStoreSelection Stores { get; }

    public AuthManager Manager { get; }

    /// <summary>Revokes of retired tokens, started by the AuthManager's logouts and logins.</summary>
    public TokenRevocations Revocations { get; }

    public void Dispose() => Http.Dispose();
}
