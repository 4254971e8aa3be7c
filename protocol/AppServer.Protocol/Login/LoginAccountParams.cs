using System.Text.Json.Serialization;

namespace AppServer.Protocol;

/// <summary>Params of <c>account/login/start</c>, tagged by <c>type</c> (docs/codex-compatibility.md §7.2).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ApiKeyLoginParams), "apiKey")]
[JsonDerivedType(typeof(ChatGptLoginParams), "chatgpt")]
[JsonDerivedType(typeof(ChatGptDeviceCodeLoginParams), "chatgptDeviceCode")]
[JsonDerivedType(typeof(ChatGptAuthTokensLoginParams), "chatgptAuthTokens")]
public abstract record LoginAccountParams;

public sealed record ApiKeyLoginParams(
    [property: JsonPropertyName("apiKey")] string ApiKey) : LoginAccountParams;

/// <summary>Browser login: the server returns an <c>authUrl</c> and completes by notification.</summary>
public sealed record ChatGptLoginParams : LoginAccountParams;

public sealed record ChatGptDeviceCodeLoginParams : LoginAccountParams;

/// <summary>Host-supplied tokens (experimental: needs the <c>experimentalApi</c> capability). Held in memory only.</summary>
public sealed record ChatGptAuthTokensLoginParams(
    [property: JsonPropertyName("accessToken")] string AccessToken,
    [property: JsonPropertyName("chatgptAccountId")] string ChatGptAccountId,
    [property: JsonPropertyName("chatgptPlanType")] string? ChatGptPlanType = null) : LoginAccountParams;
