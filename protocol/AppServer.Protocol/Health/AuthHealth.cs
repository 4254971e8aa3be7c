using System.Text.Json.Serialization;

namespace AppServer.Protocol;

/// <summary>
/// The health of the credentials: the result of <c>account/authHealth/read</c> and the params of
/// <c>account/authHealth/changed</c>. Every member is always present (JSON <c>null</c> when it does
/// not apply); times are RFC 3339 UTC.
/// </summary>
/// <param name="State">The health in one word.</param>
/// <param name="Reason">For <c>needsLogin</c>: why; otherwise null.</param>
/// <param name="Message">A user-facing sentence for <c>retrying</c> and <c>needsLogin</c>; otherwise null.</param>
/// <param name="Since">When the health entered <paramref name="State"/>.</param>
/// <param name="NextAttemptAt">For <c>retrying</c>: the end of the cooldown, after which the next refresh demand calls the issuer again.</param>
public sealed record AuthHealth(
    [property: JsonPropertyName("state")] AuthHealthState State,
    [property: JsonPropertyName("reason")] AuthHealthReason? Reason,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("since")] string? Since,
    [property: JsonPropertyName("nextAttemptAt")] string? NextAttemptAt);
