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
    AllowOutOfOrderMetadataProperties = true,
    ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(InitializeParams))]
[JsonSerializable(typeof(InitializeResponse))]
[JsonSerializable(typeof(GetAuthStatusParams))]
[JsonSerializable(typeof(GetAuthStatusResponse))]
[JsonSerializable(typeof(GetAccountParams))]
[JsonSerializable(typeof(GetAccountResponse))]
[JsonSerializable(typeof(AccountUpdatedNotification))]
[JsonSerializable(typeof(AuthHealth))]
[JsonSerializable(typeof(AccountLoginCompletedNotification))]
[JsonSerializable(typeof(LoginAccountParams))]
[JsonSerializable(typeof(LoginAccountResponse))]
[JsonSerializable(typeof(CancelLoginAccountParams))]
[JsonSerializable(typeof(CancelLoginAccountResponse))]
[JsonSerializable(typeof(LogoutAccountParams))]
[JsonSerializable(typeof(LogoutAccountResponse))]
[JsonSerializable(typeof(LoginApiKeyParams))]
[JsonSerializable(typeof(LoginApiKeyResponse))]
[JsonSerializable(typeof(LoginChatGptResponse))]
[JsonSerializable(typeof(CancelLoginChatGptParams))]
[JsonSerializable(typeof(CancelLoginChatGptResponse))]
[JsonSerializable(typeof(LogoutChatGptResponse))]
[JsonSerializable(typeof(NoParams))]
[JsonSerializable(typeof(UserInfoResponse))]
[JsonSerializable(typeof(GetUserAgentResponse))]
[JsonSerializable(typeof(LoginChatGptCompleteNotification))]
[JsonSerializable(typeof(AuthStatusChangeNotification))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
