using AppServer.Auth.Stores;

namespace AppServer.Auth.Storage;

/// <summary>
/// A save of <c>auth.json</c> whose temp file already exists with its space reserved: committing
/// cannot fail for lack of room, only for a rename that is refused.
/// </summary>
internal sealed class AuthFilePendingSave(PreparedFileWrite write, Func<IDisposable?> beforeRename) : IPendingSave
{
    public void Commit(AuthRecord record) => Commit(AuthJsonCodec.Serialize(record));

    public void Commit(ReadOnlySpan<byte> content) => write.Commit(content, beforeRename);

    public void Dispose() => write.Dispose();
}
