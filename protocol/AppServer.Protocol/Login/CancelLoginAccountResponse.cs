using System.Text.Json.Serialization;

namespace AppServer.Protocol;

public sealed record CancelLoginAccountResponse(
    [property: JsonPropertyName("status")] CancelLoginStatus Status);

/// <summary>Outcome of a cancel. Note the single-"l" <c>canceled</c> (docs/codex-compatibility.md §7.4).</summary>
public enum CancelLoginStatus
{
    [JsonStringEnumMemberName("canceled")]
    Canceled,

    [JsonStringEnumMemberName("notFound")]
    NotFound,
}
