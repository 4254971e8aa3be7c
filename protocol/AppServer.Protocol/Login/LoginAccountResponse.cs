using System.Text.Json.Serialization;

namespace AppServer.Protocol;

/// <summary>Result of <c>account/login/start</c>, tagged by <c>type</c> like its params.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ApiKeyLoginResponse), "apiKey")]
[JsonDerivedType(typeof(ChatGptLoginResponse), "chatgpt")]
[JsonDerivedType(typeof(ChatGptDeviceCodeLoginResponse), "chatgptDeviceCode")]
[JsonDerivedType(typeof(ChatGptAuthTokensLoginResponse), "chatgptAuthTokens")]
public abstract record LoginAccountResponse;

public sealed record ApiKeyLoginResponse : LoginAccountResponse;

public sealed record ChatGptLoginResponse(
    [property: JsonPropertyName("loginId")] string LoginId,
    [property: JsonPropertyName("authUrl")] string AuthUrl) : LoginAccountResponse;

public sealed record ChatGptDeviceCodeLoginResponse(
    [property: JsonPropertyName("loginId")] string LoginId,
    [property: JsonPropertyName("verificationUrl")] string VerificationUrl,
    [property: JsonPropertyName("userCode")] string UserCode) : LoginAccountResponse;

public sealed record ChatGptAuthTokensLoginResponse : LoginAccountResponse;
