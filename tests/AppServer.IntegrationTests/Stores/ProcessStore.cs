namespace AppServer.IntegrationTests.Stores;

/// <summary>The credential stores the process-level tests run over.</summary>
public enum ProcessStore
{
    /// <summary><c>auth.json</c>.</summary>
    File,

    /// <summary><c>keyring</c>: Codex's direct entry in a private Secret Service.</summary>
    KeyringDirect,

    /// <summary><c>keyring</c> with <c>secret_auth_storage</c>: the age file, its passphrase in a private Secret Service.</summary>
    KeyringSecrets,

    /// <summary><c>auto</c> with a private Secret Service.</summary>
    Auto,
}

/// <summary>Theory data over <see cref="ProcessStore"/>.</summary>
public static class ProcessStores
{
    public static TheoryData<ProcessStore> All => [ProcessStore.File, ProcessStore.KeyringDirect, ProcessStore.KeyringSecrets, ProcessStore.Auto];

    /// <summary>The <c>config.toml</c> that selects <paramref name="store"/>.</summary>
    public static string ConfigToml(ProcessStore store) => store switch
    {
        ProcessStore.File => "cli_auth_credentials_store = \"file\"\n",
        ProcessStore.KeyringDirect => "cli_auth_credentials_store = \"keyring\"\n[features]\nsecret_auth_storage = false\n",
        ProcessStore.KeyringSecrets => "cli_auth_credentials_store = \"keyring\"\n[features]\nsecret_auth_storage = true\n",
        ProcessStore.Auto => "cli_auth_credentials_store = \"auto\"\n[features]\nsecret_auth_storage = false\n",
        _ => throw new ArgumentOutOfRangeException(nameof(store), store, null),
    };

    public static bool UsesKeyring(ProcessStore store) => store != ProcessStore.File;
}
