using System.Text.Json.Serialization;

namespace AppServer.Protocol;

/// <summary>Params of the v1 <c>getAuthStatus</c>. An object is required; <c>{}</c> is accepted.</summary>
/// <param name="RejectedAuthToken">
/// The bearer the API just refused (a 401). Implies <c>refreshToken: true</c>: when it is still the
/// current token, it is refreshed for real (even right after another refresh); when it was already
/// replaced, the current token is answered with no call.
/// </param>
public sealed record GetAuthStatusParams(
    [property: JsonPropertyName("includeToken")] bool? IncludeToken = null,
    [property: JsonPropertyName("refreshToken")] bool? RefreshToken = null,
    [property: JsonPropertyName("rejectedAuthToken")] string? RejectedAuthToken = null);
