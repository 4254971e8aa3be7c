using System.Text.Json;
using System.Text.Json.Serialization;

namespace AppServer.Protocol;

/// <summary>
/// Serializer settings for the wire. Strict on input types (no numbers from strings), tolerant of
/// unknown members (Codex clients send extras), explicit about nulls (the contract sends them).
/// </summary>
public static class ProtocolJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(ProtocolJsonContext.Default.Options);
        options.MakeReadOnly();
        return options;
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.Strict,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(InitializeParams))]
[JsonSerializable(typeof(InitializeResponse))]
[JsonSerializable(typeof(GetAuthStatusParams))]
[JsonSerializable(typeof(GetAuthStatusResponse))]
[JsonSerializable(typeof(GetAccountParams))]
[JsonSerializable(typeof(GetAccountResponse))]
[JsonSerializable(typeof(AccountUpdatedNotification))]
[JsonSerializable(typeof(AuthStatusChangeNotification))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
