using AppServer.Auth.Storage;

namespace AppServer.Auth.Stores;

/// <summary>
/// Room for one save, made before a single-use refresh token is spent (see
/// <see cref="ICredentialStore.PrepareSave"/>). Disposing it without committing releases the room.
/// </summary>
internal interface IPendingSave : IDisposable
{
    /// <summary>Stores <paramref name="record"/> in the room prepared for it. At most once.</summary>
    /// <exception cref="IOException">Nothing was written; the previous credentials are intact.</exception>
    /// <exception cref="UnauthorizedAccessException">The location is not writable; the previous credentials are intact.</exception>
    void Commit(AuthRecord record);
}
