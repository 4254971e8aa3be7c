using AppServer.Rpc;

namespace AppServer.Handlers;

/// <summary>The <c>rejectedAuthToken</c> param shared by <c>getAuthStatus</c> and <c>account/read</c>.</summary>
internal static class RejectedToken
{
    public const string Field = "rejectedAuthToken";

    /// <summary>The rejected token, or null when none was named; an empty one is a client bug, refused by name.</summary>
    public static string? Validate(string? rejectedAuthToken) =>
        rejectedAuthToken is { Length: 0 }
            ? throw ProtocolErrorException.InvalidParams($"invalid value for '{Field}'")
            : rejectedAuthToken;
}
