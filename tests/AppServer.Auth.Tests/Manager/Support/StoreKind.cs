namespace AppServer.Auth.Tests.Manager.Support;

/// <summary>The credential stores every store-independent manager test runs over.</summary>
public enum StoreKind
{
    /// <summary><c>auth.json</c>.</summary>
    File,

    /// <summary>Codex's direct keyring entry (<c>Codex Auth</c> / <c>cli|key</c>).</summary>
    KeyringDirect,

    /// <summary>The age file whose passphrase is in the keyring (<c>secret_auth_storage</c>).</summary>
    KeyringSecrets,

    /// <summary><c>auto</c>: the direct keyring entry, <c>auth.json</c> behind it.</summary>
    Auto,

    /// <summary>Process memory only.</summary>
    Ephemeral,
}

/// <summary>Theory data over <see cref="StoreKind"/>.</summary>
public static class StoreKinds
{
    private static readonly StoreKind[] s_persistent = [StoreKind.File, StoreKind.KeyringDirect, StoreKind.KeyringSecrets, StoreKind.Auto];

    /// <summary>Every store.</summary>
    public static TheoryData<StoreKind> All => [.. s_persistent, StoreKind.Ephemeral];

    /// <summary>
    /// Stores that outlive the process. A test that restarts (a new manager standing in for a new
    /// process) runs over these only: an ephemeral store has no restart, its credentials end with
    /// the process.
    /// </summary>
    public static TheoryData<StoreKind> Persistent => [.. s_persistent];

    /// <summary>Every store crossed with each of <paramref name="values"/>.</summary>
    public static TheoryData<StoreKind, int> AllWith(params int[] values)
    {
        var data = new TheoryData<StoreKind, int>();
        foreach (var store in (StoreKind[])[.. s_persistent, StoreKind.Ephemeral])
        {
            foreach (var value in values)
            {
                data.Add(store, value);
            }
        }

        return data;
    }
}
