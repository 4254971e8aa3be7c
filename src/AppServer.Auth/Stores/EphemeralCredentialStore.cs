using System.Collections.Concurrent;
using AppServer.Auth.Storage;

namespace AppServer.Auth.Stores;

/// <summary>
/// Codex's <c>ephemeral</c> mode: credentials in this process's memory only, in one process-wide
/// map under <c>cli|{key}</c>, so every manager on the same home in this process shares them and
/// nothing ever reaches the disk. They end with the process.
/// </summary>
internal sealed class EphemeralCredentialStore(string storeKey) : ICredentialStore
{
    private static readonly ConcurrentDictionary<string, AuthRecord> s_entries = new(StringComparer.Ordinal);

    public CredentialStoreMode Mode => CredentialStoreMode.Ephemeral;

    public string Account { get; } = $"cli|{storeKey}";

    public string Description => "this process's memory (never written to disk)";

    public string? FoundIn => "this process's memory";

    public AuthLoadResult Load() =>
        s_entries.TryGetValue(Account, out var record) ? new AuthLoadResult.Loaded(record) : new AuthLoadResult.Missing();

    public void Save(AuthRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        s_entries[Account] = record;
    }

    public bool Delete() => s_entries.TryRemove(Account, out _);
}
