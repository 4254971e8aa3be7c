using System.Text.Json.Serialization;

namespace AppServer.Protocol;

/// <summary>Params of the v1 <c>getAuthStatus</c>. An object is required; <c>{}</c> is accepted.</summary>
public sealed record GetAuthStatusParams(
    [property: JsonPropertyName("includeToken")] bool? IncludeToken = null,
    [property: JsonPropertyName("refreshToken")] bool? RefreshToken = null);
