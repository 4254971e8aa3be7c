using System.Text.Json.Serialization;

namespace AppServer.Protocol;

/// <summary>Params of <c>account/read</c>.</summary>
/// <param name="RejectedAuthToken">The bearer the API just refused; as for <c>getAuthStatus</c>, it implies <c>refreshToken: true</c>.</param>
public sealed record GetAccountParams(
    [property: JsonPropertyName("refreshToken")] bool? RefreshToken = null,
    [property: JsonPropertyName("rejectedAuthToken")] string? RejectedAuthToken = null);
