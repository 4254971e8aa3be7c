using System.Text.Json.Serialization;

namespace AppServer.Protocol;

public sealed record InitializeCapabilities(
    [property: JsonPropertyName("experimentalApi")] bool? ExperimentalApi = null,
    [property: JsonPropertyName("optOutNotificationMethods")] IReadOnlyList<string>? OptOutNotificationMethods = null);
