namespace AppServer.Auth.Refresh;

/// <summary>
/// What a token-bearing record prints instead of the token. Records print every property in
/// <c>ToString()</c>, so one passed to a log call or shown in a debugger would otherwise leak it.
/// </summary>
internal static class RedactedText
{
    public static string Describe(string? secret) => secret is null ? "<absent>" : "<redacted>";
}
