using System.Text.Json.Serialization;

namespace AppServer.Protocol;

/// <summary>v1 notification sent alongside <c>account/updated</c> for older extensions.</summary>
public sealed record AuthStatusChangeNotification(
    [property: JsonPropertyName("authMethod")] AuthMode? AuthMethod);
