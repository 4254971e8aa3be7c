using System.Text.Json.Serialization;

namespace AppServer.Protocol;

/// <summary>Result of <c>account/read</c>.</summary>
/// <param name="UserId">The ChatGPT user id of the signed-in account (written only when known).</param>
/// <param name="AuthHealth">Written only when the request named a <c>rejectedAuthToken</c>: the health after handling it.</param>
public sealed record GetAccountResponse(
    [property: JsonPropertyName("account")] Account? Account,
    [property: JsonPropertyName("requiresOpenaiAuth")] bool RequiresOpenaiAuth,
    [property: JsonPropertyName("userId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserId = null,
    [property: JsonPropertyName("authHealth"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AuthHealth? AuthHealth = null);
