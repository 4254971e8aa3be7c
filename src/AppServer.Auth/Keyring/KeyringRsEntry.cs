namespace AppServer.Auth.Keyring;

/// <summary>
/// How keyring-rs 3.6 (the crate Codex uses) names an entry, so an entry written here is the entry
/// Codex reads, and the other way round.
/// </summary>
internal static class KeyringRsEntry
{
    /// <summary>The <c>application</c> attribute keyring-rs puts on every Secret Service item it creates.</summary>
    public const string Application = "rust-keyring";

    /// <summary>The <c>target</c> keyring-rs uses when none is given: the default collection.</summary>
    public const string DefaultTarget = "default";

    /// <summary>The Secret Service item label keyring-rs 3.6.3 writes.</summary>
    public static string SecretServiceLabel(string service, string account) =>
        $"{account}@{service}:{DefaultTarget} (keyring v3.6.3)";

    /// <summary>The attributes keyring-rs writes on a Secret Service item (it searches by the first two only).</summary>
    public static Dictionary<string, string> SecretServiceAttributes(string service, string account) => new(StringComparer.Ordinal)
    {
        ["application"] = Application,
        ["service"] = service,
        ["username"] = account,
        ["target"] = DefaultTarget,
    };

    /// <summary>The attributes a read matches on: Codex finds an entry by service and account alone.</summary>
    public static Dictionary<string, string> SecretServiceSearch(string service, string account) => new(StringComparer.Ordinal)
    {
        ["service"] = service,
        ["username"] = account,
    };
}
