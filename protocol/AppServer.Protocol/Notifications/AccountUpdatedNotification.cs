using System.Text.Json.Serialization;

namespace AppServer.Protocol;

/// <summary>
/// v2 notification sent to every initialized connection whenever the credentials change.
/// <see cref="Reason"/> is written only where one applies.
/// </summary>
public sealed record AccountUpdatedNotification(
    [property: JsonPropertyName("authMode")] AuthMode? AuthMode,
    [property: JsonPropertyName("planType")] PlanType? PlanType,
    [property: JsonPropertyName("reason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AccountUpdatedReason? Reason = null);
