using AppServer.Auth.Keyring;
using AppServer.Auth.Stores;
using Microsoft.Extensions.Logging.Abstractions;

namespace AppServer.Auth.Tests.Manager.Support;

/// <summary>The secrets backend over a test keyring.</summary>
internal static class TestSecretsBackend
{
    // PENDING-KEYRINGS: the real secrets backend replaces this stand-in when it lands.
    public static ICredentialStore Create(string home, string key, IKeyring keyring) =>
        new KeyringCredentialStore(key, keyring, new AppServer.Auth.Storage.AuthFileStore(home, NullLogger<AppServer.Auth.Storage.AuthFileStore>.Instance), NullLogger.Instance);
}
