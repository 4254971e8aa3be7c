namespace AppServer.Auth.Manager;

/// <summary>How the current credentials reached this process.</summary>
internal enum SnapshotOrigin
{
    /// <summary>Read from <c>auth.json</c> at start or by a reload.</summary>
    Disk,

    /// <summary>Written by a login through this server.</summary>
    Login,

    /// <summary>Obtained by this server's own refresh.</summary>
    Refresh,

    /// <summary>Another process refreshed; this server adopted the tokens it wrote.</summary>
    Adopted,

    /// <summary>Host-supplied <c>chatgptAuthTokens</c>, held in memory only and never written to disk.</summary>
    External,
}
