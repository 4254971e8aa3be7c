namespace AppServer.Auth.Login;

/// <summary>The outcome of <see cref="LoginOutcome.TryPersist"/>.</summary>
internal enum PersistResult
{
    Saved,

    /// <summary>The save callback threw; nothing may be assumed about the store.</summary>
    Failed,

    /// <summary>The login had already ended (cancelled, timed out, replaced): nothing was written.</summary>
    LoginEnded,
}
