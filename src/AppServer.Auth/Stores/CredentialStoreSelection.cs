namespace AppServer.Auth.Stores;

/// <summary>The store chosen for a home, and what live reload has to watch to see other processes' changes.</summary>
/// <param name="Store">The store every read and write goes through.</param>
/// <param name="ConfiguredMode">The mode <c>config.toml</c> asked for (<c>auto</c> without a keyring is served by the file store).</param>
/// <param name="WatchedFiles">Files whose changes mean the credentials may have changed.</param>
/// <param name="PollsStore">True when no file shows a change (a direct keyring entry): the store itself is re-read periodically.</param>
/// <param name="Note">Why the store differs from the configured mode, for <c>appserver status</c>; null when it does not.</param>
internal sealed record CredentialStoreSelection(
    ICredentialStore Store,
    CredentialStoreMode ConfiguredMode,
    IReadOnlyList<string> WatchedFiles,
    bool PollsStore,
    string? Note = null);
