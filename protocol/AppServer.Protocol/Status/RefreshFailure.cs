using System.Text.Json.Serialization;

namespace AppServer.Protocol;

/// <summary>Why the current credentials cannot be refreshed, with the user-facing message.</summary>
public sealed record RefreshFailure(
    [property: JsonPropertyName("reason")] RefreshFailureReason Reason,
    [property: JsonPropertyName("message")] string Message);
