using AppServer.Auth.Storage;

namespace AppServer.Auth.Stores;

/// <summary>
/// Where the credentials live: <c>auth.json</c>, the OS keyring (directly, or as the passphrase of an
/// age-encrypted file), both (<c>auto</c>), or memory only. Everything above a store (poison, the
/// status record, the guarded reload, single flight, the cross-process lock, live reload, logins and
/// logout) is the same for every store. Implementations are thread-safe.
/// </summary>
internal interface ICredentialStore
{
    /// <summary>The <c>cli_auth_credentials_store</c> mode this store serves.</summary>
    CredentialStoreMode Mode { get; }

    /// <summary>Where this store keeps credentials, for <c>appserver status</c> and logs (never a secret).</summary>
    string Description { get; }

    /// <summary>
    /// Where the credentials the last <see cref="Load"/> returned were found, for <c>appserver status</c>
    /// (e.g. <c>the Secret Service</c>, a file path); null when that load found none. Never a secret.
    /// </summary>
    string? FoundIn => Description;

    /// <summary>
    /// Reads the credentials. Never throws for storage or format problems: an unreachable keyring or
    /// an unreadable file comes back as <see cref="AuthLoadResult.Corrupt"/> (reported once), nothing
    /// stored as <see cref="AuthLoadResult.Missing"/>. Bounded in time.
    /// </summary>
    AuthLoadResult Load();

    /// <summary>Replaces whatever was stored with <paramref name="record"/>.</summary>
    /// <exception cref="IOException">Nothing was written (a keyring failure is a <see cref="Keyring.KeyringException"/>); the previous credentials are intact.</exception>
    /// <exception cref="UnauthorizedAccessException">The location is not writable; the previous credentials are intact.</exception>
    void Save(AuthRecord record);

    /// <summary>
    /// Proves, before a single-use refresh token is spent, that its replacement can be stored: a file
    /// store creates and preallocates its temp file, a keyring store checks that the keyring answers.
    /// The default prepares nothing and saves on commit, for stores where nothing can be reserved.
    /// </summary>
    /// <exception cref="IOException">The credentials could not be stored now; nothing was changed.</exception>
    /// <exception cref="UnauthorizedAccessException">The location is not writable; nothing was changed.</exception>
    IPendingSave PrepareSave() => new SaveOnCommit(this);

    /// <summary>Removes the stored credentials; <see langword="true"/> when there were any.</summary>
    /// <exception cref="IOException">They could not be removed.</exception>
    bool Delete();
}
