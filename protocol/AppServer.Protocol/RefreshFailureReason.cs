using System.Text.Json.Serialization;

namespace AppServer.Protocol;

/// <summary>Why a refresh token can no longer be used.</summary>
public enum RefreshFailureReason
{
    [JsonStringEnumMemberName("expired")]
    Expired,

    [JsonStringEnumMemberName("exhausted")]
    Exhausted,

    [JsonStringEnumMemberName("revoked")]
    Revoked,

    [JsonStringEnumMemberName("other")]
    Other,
}
