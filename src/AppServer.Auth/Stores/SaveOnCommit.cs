using AppServer.Auth.Storage;

namespace AppServer.Auth.Stores;

/// <summary>The pending save of a store that can reserve nothing ahead: it saves when committed.</summary>
internal sealed class SaveOnCommit(ICredentialStore store) : IPendingSave
{
    private bool _committed;

    public void Commit(AuthRecord record)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        _committed = true;
        store.Save(record);
    }

    public void Dispose() => _committed = true;
}
