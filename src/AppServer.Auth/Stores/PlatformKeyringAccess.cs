using AppServer.Auth.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AppServer.Auth.Stores;

/// <summary>The machine's own keyring access: the OS keyring, the real session bus check and the real secrets backend.</summary>
internal static class PlatformKeyringAccess
{
    public static KeyringAccess Create(ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        return new KeyringAccess
        {
            // PENDING-KEYRINGS: the platform keyrings replace this.
            Keyring = static () => null,
            HasSessionBus = KeyringAccess.SessionBusPresent(Environment.GetEnvironmentVariable),
            SecretsBackend = static (home, key, keyring, logger) => new KeyringCredentialStore(key, keyring, new AuthFileStore(home, NullLogger<AuthFileStore>.Instance), logger),
        };
    }
}
