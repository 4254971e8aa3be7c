namespace AppServer.Auth.Health;

/// <summary>The one-word health of the credentials, as clients show it.</summary>
internal enum AuthHealthState
{
    /// <summary>Usable credentials, no failure outstanding.</summary>
    Ok,

    /// <summary>A refresh failed transiently; the cached token is still served and a new attempt waits for the cooldown.</summary>
    Retrying,

    /// <summary>The credentials cannot recover by themselves (a dead refresh token, a rejected API key).</summary>
    NeedsLogin,

    /// <summary>No credentials at all.</summary>
    LoggedOut,
}
