using System.Buffers.Text;
using System.Text.Json.Nodes;

namespace AppServer.DevIssuer.Tests.Support;

/// <summary>Decodes JWT segments the way a client does: no padding, no signature check.</summary>
internal static class JwtPayload
{
    public static JsonObject Decode(string jwt) => DecodeSegment(jwt.Split('.')[1]);

    public static JsonObject DecodeSegment(string segment) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(segment))!.AsObject();

    public static JsonObject AuthClaims(string jwt) => Decode(jwt)[JwtFactory.AuthClaim]!.AsObject();

    public static DateTimeOffset Expiry(string jwt) =>
        DateTimeOffset.FromUnixTimeSeconds((long)Decode(jwt)["exp"]!);
}
