using System.Collections.Concurrent;
using AppServer.Auth.Keyring;

namespace AppServer.Auth.Tests.TestSupport;

/// <summary>
/// A keyring in memory, addressed by (service, account) as the platform keyrings are. Setting
/// <see cref="Failure"/> makes every call throw it, as a locked or absent keyring would. Counts
/// calls so tests can see what the stores asked for.
/// </summary>
internal sealed class InMemoryKeyring : IKeyring
{
    private readonly ConcurrentDictionary<(string Service, string Account), string> _entries = new();
    private int _reads;
    private int _writes;

    public string Name => "test keyring";

    /// <summary>The message every call fails with; null for a working keyring.</summary>
    public string? Failure { get; set; }

    public int Reads => Volatile.Read(ref _reads);

    public int Writes => Volatile.Read(ref _writes);

    public IReadOnlyDictionary<(string Service, string Account), string> Entries => _entries;

    public string? Read(string service, string account)
    {
        Interlocked.Increment(ref _reads);
        ThrowIfFailing();
        return _entries.TryGetValue((service, account), out var secret) ? secret : null;
    }

    public void Write(string service, string account, string secret)
    {
        Interlocked.Increment(ref _writes);
        ThrowIfFailing();
        _entries[(service, account)] = secret;
    }

    public bool Delete(string service, string account)
    {
        ThrowIfFailing();
        return _entries.TryRemove((service, account), out _);
    }

    private void ThrowIfFailing()
    {
        if (Failure is { } failure)
        {
            throw new KeyringException(failure);
        }
    }
}
