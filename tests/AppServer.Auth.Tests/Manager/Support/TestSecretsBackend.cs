using AppServer.Auth.Keyring;
using AppServer.Auth.Stores;
using AppServer.Auth.Stores.Secrets;
using Microsoft.Extensions.Logging.Abstractions;

namespace AppServer.Auth.Tests.Manager.Support;

/// <summary>The real secrets backend (age file in the home, passphrase in the keyring) over a test keyring.</summary>
internal static class TestSecretsBackend
{
    public static ICredentialStore Create(string home, string key, IKeyring keyring) =>
        new SecretsBackendStore(home, key, keyring, NullLogger.Instance);
}
