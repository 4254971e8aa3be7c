using System.Text.Json.Serialization;

namespace AppServer.Auth.CrossProcess;

/// <summary>
/// A permanent refresh failure, persisted beside <c>auth.json</c> so that restarts and other
/// processes do not spend the same dead refresh token again. It names the token only by SHA-256.
/// </summary>
internal sealed record RefreshStatusRecord(
    [property: JsonPropertyName("refresh_token_sha256")] string RefreshTokenSha256,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("recorded_at")] DateTimeOffset RecordedAt);

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(RefreshStatusRecord))]
internal sealed partial class RefreshStatusJsonContext : JsonSerializerContext;
