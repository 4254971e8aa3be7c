using System.Text.Json.Serialization;

namespace AppServer.Protocol;

public sealed record GetAccountResponse(
    [property: JsonPropertyName("account")] Account? Account,
    [property: JsonPropertyName("requiresOpenaiAuth")] bool RequiresOpenaiAuth);
