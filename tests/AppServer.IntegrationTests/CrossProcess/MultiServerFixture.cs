using AppServer.DevIssuer;
using AppServer.IntegrationTests.Infrastructure;
using AppServer.IntegrationTests.Stores;
using AppServer.Testing;

namespace AppServer.IntegrationTests.CrossProcess;

/// <summary>
/// A loopback issuer in this process and any number of real servers on one CODEX_HOME, set to the
/// credential store a test picks with <see cref="UseStoreAsync"/> (<c>file</c> unless it does).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class MultiServerFixture : IAsyncDisposable
{
    private readonly List<ServerProcess> _servers = [];
    private StoreHome? _store;

    private MultiServerFixture(MockIssuer issuer)
    {
        Issuer = issuer;
    }

    public MockIssuer Issuer { get; }

    public StoreHome Store => _store ?? throw new InvalidOperationException("Call UseStoreAsync first.");

    public TempCodexHome Home => Store.Home;

    /// <summary>What every server of this fixture is started with: the token endpoint and the keyring's bus.</summary>
    public Dictionary<string, string> ServerEnvironment => new(Store.Environment)
    {
        ["CODEX_REFRESH_TOKEN_URL_OVERRIDE"] = Issuer.TokenEndpoint.ToString(),
    };

    /// <summary>Sets up the home (and its private Secret Service) for <paramref name="store"/>. Call once, first.</summary>
    public async Task UseStoreAsync(ProcessStore store) => _store = await StoreHome.CreateAsync(store);

    public static async Task<MultiServerFixture> CreateAsync() => new(await MockIssuer.StartAsync());

    public async Task<ServerProcess> StartServerAsync()
    {
        var server = ServerProcess.Start(Home.Path, ServerEnvironment, "--log-level", "debug");
        _servers.Add(server);
        await server.Client.InitializeAsync();
        return server;
    }

    public async Task<IReadOnlyList<ServerProcess>> StartServersAsync(int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => StartServerAsync()));

    public async ValueTask DisposeAsync()
    {
        // Every server is stopped before a schema violation fails the test.
        ProtocolSchemaViolationException? violation = null;
        foreach (var server in _servers)
        {
            try
            {
                await server.DisposeAsync();
            }
            catch (ProtocolSchemaViolationException ex)
            {
                violation ??= ex;
            }
        }

        await Issuer.DisposeAsync();
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (violation is not null)
        {
            throw violation;
        }
    }
}
