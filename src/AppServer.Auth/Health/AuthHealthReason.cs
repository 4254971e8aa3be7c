namespace AppServer.Auth.Health;

/// <summary>Why the health is <see cref="AuthHealthState.NeedsLogin"/>: a refresh failure's reason, or a rejected API key.</summary>
internal enum AuthHealthReason
{
    Expired,
    Exhausted,
    Revoked,
    Other,
    ApiKeyRejected,
}
