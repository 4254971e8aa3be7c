using AppServer.Auth.Config;
using AppServer.Auth.Keyring;
using AppServer.Auth.Storage;
using Microsoft.Extensions.Logging;

namespace AppServer.Auth.Stores;

/// <summary>
/// Chooses the credential store from <c>config.toml</c> the way Codex does:
/// <c>cli_auth_credentials_store</c> picks file, keyring, auto or ephemeral, and
/// <c>[features] secret_auth_storage</c> picks which keyring backend keyring and auto use.
/// </summary>
internal static class CredentialStoreFactory
{
    /// <summary>Where the secrets backend keeps its encrypted credentials, relative to the home.</summary>
    public static readonly string SecretsFile = Path.Combine("secrets", "codex_auth.age");

    public static CredentialStoreSelection Create(CodexConfig config, string codexHome, KeyringAccess access, ILoggerFactory loggerFactory)
    {
        var file = new AuthFileStore(codexHome, loggerFactory.CreateLogger<AuthFileStore>());
        var authFile = new[] { file.AuthFilePath };
        switch (config.StoreMode)
        {
            case CredentialStoreMode.Ephemeral:
                return new CredentialStoreSelection(new EphemeralCredentialStore(StoreKey.For(codexHome)), config.StoreMode, [], PollsStore: false);

            case CredentialStoreMode.Keyring:
            {
                var keyring = (access.HasSessionBus ? access.Keyring() : null) ?? MissingKeyring.Instance;
                var (backend, watched, polls) = Backend(config, codexHome, keyring, file, access, loggerFactory);
                return new CredentialStoreSelection(backend, config.StoreMode, watched, polls,
                    keyring is MissingKeyring ? "no keyring is available: saving will fail" : null);
            }

            case CredentialStoreMode.Auto:
            {
                // With no D-Bus session at all there is no keyring to try, and Codex then works on auth.json alone.
                if ((access.HasSessionBus ? access.Keyring() : null) is not { } keyring)
                {
                    return new CredentialStoreSelection(file, config.StoreMode, authFile, PollsStore: false, "no keyring is available: using auth.json");
                }

                var (backend, watched, polls) = Backend(config, codexHome, keyring, file, access, loggerFactory);
                var auto = new AutoCredentialStore(backend, file, loggerFactory.CreateLogger<AutoCredentialStore>());
                return new CredentialStoreSelection(auto, config.StoreMode, [.. watched, .. authFile], polls);
            }

            default:
                return new CredentialStoreSelection(file, CredentialStoreMode.File, authFile, PollsStore: false);
        }
    }

    private static (ICredentialStore Store, string[] Watched, bool Polls) Backend(
        CodexConfig config, string codexHome, IKeyring keyring, AuthFileStore file, KeyringAccess access, ILoggerFactory loggerFactory)
    {
        var key = StoreKey.For(codexHome);
        if (config.SecretAuthStorage)
        {
            // The encrypted file changes with every save, so watching it is enough.
            var secrets = access.SecretsBackend(codexHome, key, keyring, loggerFactory.CreateLogger("AppServer.Auth.Stores.Secrets"));
            return (secrets, [Path.Combine(codexHome, SecretsFile)], false);
        }

        // A keyring entry changes with no file event: keep watching auth.json (Codex removes it on
        // save, which is a change too) and re-read the entry periodically.
        return (new KeyringCredentialStore(key, keyring, file, loggerFactory.CreateLogger<KeyringCredentialStore>()), [file.AuthFilePath], true);
    }
}
