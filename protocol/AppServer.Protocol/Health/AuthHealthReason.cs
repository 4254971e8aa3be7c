using System.Text.Json.Serialization;

namespace AppServer.Protocol;

/// <summary>
/// Why the health is <c>needsLogin</c>: the reasons of <c>refreshFailure</c>, plus
/// <c>apiKeyRejected</c> (a client reported that the API refused the stored API key).
/// </summary>
public enum AuthHealthReason
{
    [JsonStringEnumMemberName("expired")]
    Expired,

    [JsonStringEnumMemberName("exhausted")]
    Exhausted,

    [JsonStringEnumMemberName("revoked")]
    Revoked,

    [JsonStringEnumMemberName("other")]
    Other,

    [JsonStringEnumMemberName("apiKeyRejected")]
    ApiKeyRejected,
}
