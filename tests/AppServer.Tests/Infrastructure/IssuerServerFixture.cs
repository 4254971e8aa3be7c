using AppServer.Auth.Login;
using AppServer.Auth.Manager;
using AppServer.Auth.Refresh;
using AppServer.Auth.Revoke;
using AppServer.DevIssuer;

using AppServer.Testing;

namespace AppServer.Tests.Infrastructure;

/// <summary>
/// A loopback mock issuer, a temp CODEX_HOME and an in-process server pointed at that issuer,
/// with short timings so transient paths run quickly. One per test.
/// </summary>
internal sealed class IssuerServerFixture : IAsyncDisposable
{
    private InProcessServer? _server;

    private IssuerServerFixture(MockIssuer issuer)
    {
        Issuer = issuer;
    }

    public MockIssuer Issuer { get; }

    public TempCodexHome Home { get; } = new();

    public InProcessServer Server => _server ?? throw new InvalidOperationException("Call StartServerAsync first.");

    public JsonLineClient Client => Server.Client;

    public static async Task<IssuerServerFixture> CreateAsync() => new(await MockIssuer.StartAsync());

    /// <summary>Starts the server (after the test has written auth.json) and initializes the first connection.</summary>
    public async Task<IssuerServerFixture> StartServerAsync(Func<AppServerSettings, AppServerSettings>? configure = null)
    {
        _server = InProcessServer.Start(Home.Path, settings =>
        {
            var tuned = settings with
            {
                Refresh = new TokenRefreshOptions { TokenEndpoint = () => Issuer.TokenEndpoint, BaseBackoff = TimeSpan.FromMilliseconds(5), AttemptTimeout = TimeSpan.FromSeconds(10) },
                Revoke = new RevokeOptions { Endpoint = () => Issuer.RevokeEndpoint },
                Auth = new AuthManagerOptions(),
                // Browser logins bind any free port in tests; 1455 is left to real use.
                Login = new LoginOptions { Issuer = Issuer.Issuer, Port = 0, BindRetryDelay = TimeSpan.FromMilliseconds(10) },
            };
            return configure?.Invoke(tuned) ?? tuned;
        });
        await Client.InitializeAsync();
        return this;
    }

    public Task<System.Text.Json.Nodes.JsonObject> StatusAsync(bool includeToken = true, bool refreshToken = false) =>
        Client.CallAsync("getAuthStatus", new { includeToken, refreshToken });

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await Issuer.DisposeAsync();
        Home.Dispose();
    }
}
