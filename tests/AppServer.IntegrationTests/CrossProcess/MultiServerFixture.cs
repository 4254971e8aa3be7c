using AppServer.DevIssuer;
using AppServer.IntegrationTests.Infrastructure;
using AppServer.Testing;

namespace AppServer.IntegrationTests.CrossProcess;

/// <summary>A loopback issuer in this process and any number of real servers on one CODEX_HOME.</summary>
internal sealed class MultiServerFixture : IAsyncDisposable
{
    private readonly List<ServerProcess> _servers = [];

    private MultiServerFixture(MockIssuer issuer)
    {
        Issuer = issuer;
    }

    public MockIssuer Issuer { get; }

    public TempCodexHome Home { get; } = new();

    public static async Task<MultiServerFixture> CreateAsync() => new(await MockIssuer.StartAsync());

    public async Task<ServerProcess> StartServerAsync()
    {
        var server = ServerProcess.Start(
            Home.Path,
            new Dictionary<string, string> { ["CODEX_REFRESH_TOKEN_URL_OVERRIDE"] = Issuer.TokenEndpoint.ToString() },
            "--log-level", "debug");
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
        Home.Dispose();
        if (violation is not null)
        {
            throw violation;
        }
    }
}
