using AppServer.Auth.Keyring;

namespace AppServer.Auth.Stores;

/// <summary>
/// Stands in for the keyring where the OS offers none (no D-Bus session, no Secret Service): every
/// call fails at once with the cause, in the words Codex uses, so <c>keyring</c> mode refuses to
/// save instead of quietly writing a file, and <c>auto</c> falls back to <c>auth.json</c>.
/// </summary>
internal sealed class MissingKeyring : IKeyring
{
    public const string Failure = "Platform secure storage failure: no secret service provider or dbus session found";

    public static MissingKeyring Instance { get; } = new();

    public string Name => "OS keyring (none available)";

    public string? Read(string service, string account) => throw new KeyringException(Failure);

    public void Write(string service, string account, string secret) => throw new KeyringException(Failure);

    public bool Delete(string service, string account) => throw new KeyringException(Failure);
}
