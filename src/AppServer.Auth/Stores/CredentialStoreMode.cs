namespace AppServer.Auth.Stores;

/// <summary>The values of <c>cli_auth_credentials_store</c> in <c>config.toml</c>, as Codex names them.</summary>
internal enum CredentialStoreMode
{
    /// <summary><c>"file"</c> (the default): <c>$CODEX_HOME/auth.json</c>.</summary>
    File,

    /// <summary><c>"keyring"</c>: the OS keyring only; an unavailable keyring is an error.</summary>
    Keyring,

    /// <summary><c>"auto"</c>: the keyring, falling back to <c>auth.json</c> with a warning.</summary>
    Auto,

    /// <summary><c>"ephemeral"</c>: this process's memory only.</summary>
    Ephemeral,
}
