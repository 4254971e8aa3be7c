using System.Text.Json.Serialization;

namespace AppServer.Protocol;

/// <summary>The signed-in account, tagged by <c>type</c>: <c>apiKey</c> or <c>chatgpt</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ApiKeyAccount), "apiKey")]
[JsonDerivedType(typeof(ChatGptAccount), "chatgpt")]
public abstract record Account;

public sealed record ApiKeyAccount : Account;

public sealed record ChatGptAccount(
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("planType")] PlanType PlanType) : Account;
