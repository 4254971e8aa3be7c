using System.Text.Json.Serialization;

namespace AppServer.Protocol;

/// <summary>Params of <c>account/read</c>.</summary>
public sealed record GetAccountParams(
    [property: JsonPropertyName("refreshToken")] bool? RefreshToken = null);
