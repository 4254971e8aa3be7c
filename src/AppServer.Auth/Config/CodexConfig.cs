using AppServer.Auth.Stores;

namespace AppServer.Auth.Config;

/// <summary>
/// The settings of <c>$CODEX_HOME/config.toml</c> this server honours, read once per process by
/// <see cref="CodexConfigReader"/>. Anything unset, or set to a value Codex would not accept, has
/// Codex's default.
/// </summary>
internal sealed record CodexConfig
{
    /// <summary>Everything at its default: no <c>config.toml</c>, or one that could not be used.</summary>
    public static CodexConfig Default { get; } = new();

    /// <summary><c>cli_auth_credentials_store</c>; <c>file</c> when unset.</summary>
    public CredentialStoreMode StoreMode { get; init; } = CredentialStoreMode.File;

    /// <summary>
    /// <c>[features] secret_auth_storage</c>: whether <c>keyring</c> and <c>auto</c> keep an
    /// age-encrypted file whose passphrase is in the keyring, instead of the credentials themselves.
    /// Codex turns it on by default only on Windows, whose credential blobs are too small for a
    /// ChatGPT login.
    /// </summary>
    public bool SecretAuthStorage { get; init; } = OperatingSystem.IsWindows();

    /// <summary><c>forced_login_method</c>: <c>"chatgpt"</c> or <c>"api"</c>, null when unset.</summary>
    public string? ForcedLoginMethod { get; init; }

    /// <summary><c>forced_chatgpt_workspace_id</c>, null when unset or empty.</summary>
    public string? ForcedChatGptWorkspaceId { get; init; }
}
