using System.Text.Json.Serialization;

namespace AppServer.Protocol;

/// <summary>How the user is authenticated. Serialized exactly as <c>auth_mode</c> is on disk.</summary>
public enum AuthMode
{
    [JsonStringEnumMemberName("apikey")]
    ApiKey,

    [JsonStringEnumMemberName("chatgpt")]
    ChatGpt,

    [JsonStringEnumMemberName("chatgptAuthTokens")]
    ChatGptAuthTokens,
}
