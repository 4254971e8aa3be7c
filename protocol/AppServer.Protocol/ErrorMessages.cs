namespace AppServer.Protocol;

/// <summary>Exact error messages that clients match on (see the compatibility docs/codex-compatibility.md §6.2).</summary>
public static class ErrorMessages
{
    public const string NotInitialized = "Not initialized";
    public const string AlreadyInitialized = "Already initialized";
    public const string InternalError = "Internal error";
    public const string Overloaded = "Server overloaded; retry later.";
    public const string RequestCanceled = "Request canceled";

    public static string InvalidClientName(string name) =>
        $"Invalid clientInfo.name: '{name}'. Must be a valid HTTP header value.";

    public static string InvalidCodexHome(string detail) => $"Invalid CODEX_HOME: {detail}";

    public const string ChatGptAccountIncomplete = "email and plan type are required for chatgpt authentication";
}
