using System.Text.Json.Serialization;

namespace AppServer.Protocol;

/// <summary>The id_token email; "alleged" because the JWT signature is never verified.</summary>
public sealed record UserInfoResponse(
    [property: JsonPropertyName("allegedUserEmail")] string? AllegedUserEmail);
