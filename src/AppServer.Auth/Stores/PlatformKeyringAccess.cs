using AppServer.Auth.Keyring;
using AppServer.Auth.Stores.Secrets;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Stores;

/// <summary>The machine's own keyring access: the OS keyring, the real session bus check and the real secrets backend.</summary>
internal static class PlatformKeyringAccess
{
    public static KeyringAccess Create(ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        return new KeyringAccess
        {
            Keyring = () => PlatformKeyring.ForCurrentOs(loggerFactory),
            HasSessionBus = KeyringAccess.SessionBusPresent(Environment.GetEnvironmentVariable),
            SecretsBackend = static (home, key, keyring, logger) => new SecretsBackendStore(home, key, keyring, logger),
        };
    }
}
