using System.Security.Cryptography;
using AppServer.Auth.Jwt;
using AppServer.Auth.Storage;

namespace AppServer.Auth.Manager;

/// <summary>
/// One immutable credential value. Every change (login, logout, refresh, reload) produces a new
/// snapshot. Two snapshots are "the same credentials" exactly when their serialized records are
/// byte-identical (docs/codex-compatibility.md §4.2: any difference, even in <c>last_refresh</c>, is a new snapshot),
/// which <see cref="Fingerprint"/> captures.
/// </summary>
internal sealed class CredentialSnapshot
{
    // Computed on first comparison, not per snapshot: hashing loads the platform's crypto library
    // (megabytes of memory and milliseconds of start-up), which a server that only answers status
    // polls never needs. The value is deterministic, so a racing first use computes the same string.
    private string? _fingerprint;

    private CredentialSnapshot(AuthRecord? record, SnapshotOrigin origin, DateTimeOffset? obtainedAt, TimeSpan clockSkew, bool unsaved)
    {
        Record = record;
        Origin = origin;
        ObtainedAt = obtainedAt;
        ClockSkew = clockSkew;
        Unsaved = unsaved;
        if (record?.Tokens is { } tokens)
        {
            AccessTokenExpiry = JwtExpiry.TryGetExpiry(tokens.AccessToken);
            AccessTokenIssuedAt = JwtIssuedAt.TryGet(tokens.AccessToken);
        }
    }

    public static CredentialSnapshot None { get; } = new(null, SnapshotOrigin.Disk, null, TimeSpan.Zero, unsaved: false);

    public AuthRecord? Record { get; }

    public string Fingerprint => _fingerprint ??= Record is null ? string.Empty : Convert.ToHexString(SHA256.HashData(AuthJsonCodec.Serialize(Record)));

    public SnapshotOrigin Origin { get; }

    /// <summary>When this process obtained the tokens by refreshing or adopting; null otherwise.</summary>
    public DateTimeOffset? ObtainedAt { get; }

    /// <summary>Local clock minus the issuer's clock, measured when a refresh delivered these tokens.</summary>
    public TimeSpan ClockSkew { get; }

    /// <summary>The tokens were refreshed but could not be written to disk yet.</summary>
    public bool Unsaved { get; }

    public DateTimeOffset? AccessTokenExpiry { get; }

    public DateTimeOffset? AccessTokenIssuedAt { get; }

    public bool IsNone => Record is null;

    /// <summary>Host-supplied tokens: the disk file does not override them, and they are never refreshed here.</summary>
    public bool IsExternal => Origin == SnapshotOrigin.External;

    public CredentialMode? Mode => Record?.Mode;

    /// <summary>Managed ChatGPT auth: the only kind this server refreshes.</summary>
    public bool IsManagedChatGpt => Record is { Mode: CredentialMode.ChatGpt, Tokens: not null };

    /// <summary>
    /// The bearer token (docs/codex-compatibility.md §1.6): the key for API-key auth; the access token for ChatGPT auth
    /// when both tokens and <c>last_refresh</c> are present.
    /// </summary>
    public string? BearerToken => Record switch
    {
        { Mode: CredentialMode.ApiKey } record => record.ApiKey,
        { Tokens: { } tokens, LastRefresh: not null } => tokens.AccessToken,
        _ => null,
    };

    public static CredentialSnapshot FromDisk(AuthRecord record) => new(record, SnapshotOrigin.Disk, null, TimeSpan.Zero, unsaved: false);

    public static CredentialSnapshot FromLogin(AuthRecord record) => new(record, SnapshotOrigin.Login, null, TimeSpan.Zero, unsaved: false);

    public static CredentialSnapshot FromExternal(AuthRecord record) => new(record, SnapshotOrigin.External, null, TimeSpan.Zero, unsaved: false);

    public static CredentialSnapshot Adopted(AuthRecord record, DateTimeOffset now) => new(record, SnapshotOrigin.Adopted, now, TimeSpan.Zero, unsaved: false);

    public static CredentialSnapshot Refreshed(AuthRecord record, DateTimeOffset now, bool unsaved)
    {
        var issuedAt = record.Tokens is { } tokens ? JwtIssuedAt.TryGet(tokens.AccessToken) : null;
        return new(record, SnapshotOrigin.Refresh, now, issuedAt is { } iat ? now - iat : TimeSpan.Zero, unsaved);
    }

    /// <summary>The same credentials, now saved to disk.</summary>
    public CredentialSnapshot AsSaved() => new(Record, Origin, ObtainedAt, ClockSkew, unsaved: false);

    public bool HasSameContent(CredentialSnapshot other) => string.Equals(Fingerprint, other.Fingerprint, StringComparison.Ordinal);
}
