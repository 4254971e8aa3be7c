namespace AppServer.Auth.Keyring;

/// <summary>
/// One platform keyring (the Secret Service on Linux, the Keychain on macOS, the Credential Manager
/// on Windows), addressed the way keyring-rs addresses it: a service name and an account name.
/// Every call is bounded in time: a locked, absent or silent keyring throws
/// <see cref="KeyringException"/> instead of waiting.
/// </summary>
internal interface IKeyring
{
    /// <summary>A short name for logs and <c>appserver status</c>, e.g. <c>Secret Service</c>.</summary>
    string Name { get; }

    /// <summary>The secret stored under (<paramref name="service"/>, <paramref name="account"/>), or null when there is none.</summary>
    /// <exception cref="KeyringException">The keyring is unavailable, locked or did not answer in time.</exception>
    string? Read(string service, string account);

    /// <summary>Creates or replaces the entry.</summary>
    /// <exception cref="KeyringException">The keyring is unavailable, locked or did not answer in time.</exception>
    void Write(string service, string account, string secret);

    /// <summary>Removes the entry; true when there was one.</summary>
    /// <exception cref="KeyringException">The keyring is unavailable, locked or did not answer in time.</exception>
    bool Delete(string service, string account);
}
