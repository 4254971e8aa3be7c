namespace AppServer.Auth.Storage;

/// <summary>What <see cref="AuthFileStore.Load"/> found. Closed: the only cases are the nested records.</summary>
internal abstract record AuthLoadResult
{
    private AuthLoadResult()
    {
    }

    /// <summary>No <c>auth.json</c> (or no <c>CODEX_HOME</c> directory): not logged in.</summary>
    public sealed record Missing : AuthLoadResult;

    /// <summary>A valid credential record.</summary>
    public sealed record Loaded(AuthRecord Record) : AuthLoadResult;

    /// <summary>
    /// The file exists but cannot be used: unreadable, a directory, or not a valid record. Treated as
    /// not logged in. <paramref name="Reason"/> is safe to log; it never contains file content.
    /// <paramref name="Unreachable"/>: the store could not be asked at all (a keyring that is locked,
    /// absent or silent), so what it holds is unknown rather than unusable: a process that already
    /// holds credentials keeps them instead of announcing a logout for a keyring hiccup.
    /// </summary>
    public sealed record Corrupt(string Reason, bool Unreachable = false) : AuthLoadResult;
}
