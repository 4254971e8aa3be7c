using System.Text.Json.Serialization;

namespace AppServer.Protocol;

public sealed record CancelLoginAccountParams(
    [property: JsonPropertyName("loginId")] string LoginId);
