using System.Text;
using AppServer.Auth.Keyring.SecretService;
using AppServer.Auth.Storage;
using AppServer.Auth.Stores;
using AppServer.Auth.Stores.Secrets;
using AppServer.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AppServer.IntegrationTests.Stores;

/// <summary>
/// A temp CODEX_HOME set to one credential store, with a private Secret Service when the store
/// needs a keyring. Writes and reads credentials as another process would: through the real store
/// classes on the same private bus, never through the server under test.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class StoreHome : IAsyncDisposable
{
    private readonly SecretServiceSession? _session;
    private readonly string _noBusRuntimeDir;

    private StoreHome(ProcessStore store, SecretServiceSession? session)
    {
        Store = store;
        _session = session;
        _noBusRuntimeDir = Directory.CreateTempSubdirectory("appserver-nobus-").FullName;
        File.WriteAllText(Path.Combine(Home.Path, "config.toml"), ProcessStores.ConfigToml(store));
    }

    public ProcessStore Store { get; }

    public TempCodexHome Home { get; } = new();

    /// <summary>What a child process needs to reach this home's keyring (and nothing of the real user's).</summary>
    public IReadOnlyDictionary<string, string> Environment => _session?.Environment ?? NoBus;

    /// <summary>An environment with no D-Bus session at all: no address, and a runtime dir without a bus socket.</summary>
    public IReadOnlyDictionary<string, string> NoBus => new Dictionary<string, string>
    {
        ["DBUS_SESSION_BUS_ADDRESS"] = string.Empty,
        ["XDG_RUNTIME_DIR"] = _noBusRuntimeDir,
    };

    public SecretServiceSession? Session => _session;

    public static async Task<StoreHome> CreateAsync(ProcessStore store) =>
        new(store, ProcessStores.UsesKeyring(store) ? await SecretServiceSession.StartAsync() : null);

    /// <summary>Stores <paramref name="authJson"/> as another process would.</summary>
    public void WriteAuth(string authJson)
    {
        if (Store == ProcessStore.File)
        {
            // In place, as the Codex CLI writes it.
            Home.WriteAuthJson(authJson);
            return;
        }

        OpenStore().Save(AuthJsonCodec.Parse(Encoding.UTF8.GetBytes(authJson)));
    }

    /// <summary>Logs out as another process would.</summary>
    public void DeleteAuth()
    {
        if (Store == ProcessStore.File)
        {
            File.Delete(Home.AuthFile);
            return;
        }

        OpenStore().Delete();
    }

    /// <summary>The store of this home, opened in the test process on the private bus.</summary>
    public ICredentialStore OpenStore()
    {
        var file = new AuthFileStore(Home.Path, NullLogger<AuthFileStore>.Instance);
        if (_session is null)
        {
            return file;
        }

        var keyring = new SecretServiceKeyring(_session.BusAddress, NullLogger.Instance);
        var key = StoreKey.For(Home.Path);
        return Store switch
        {
            ProcessStore.KeyringDirect => new KeyringCredentialStore(key, keyring, file, NullLogger.Instance),
            ProcessStore.KeyringSecrets => new SecretsBackendStore(Home.Path, key, keyring, NullLogger.Instance),
            ProcessStore.Auto => new AutoCredentialStore(new KeyringCredentialStore(key, keyring, file, NullLogger.Instance), file, NullLogger.Instance),
            _ => file,
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }

        Home.Dispose();
        try
        {
            Directory.Delete(_noBusRuntimeDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
