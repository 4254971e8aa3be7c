namespace AppServer.Handlers.Initialize;

/// <summary>HTTP header value rules, as the upstream server applies them to <c>clientInfo.name</c>.</summary>
internal static class HeaderValue
{
    // Visible characters, space, tab and non-ASCII are allowed; other control characters and DEL are not.
    public static bool IsValid(string value) => !value.Any(IsForbidden);

    public static string Sanitize(string value) => string.Create(value.Length, value, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = IsForbidden(source[i]) ? '_' : source[i];
        }
    });

    private static bool IsForbidden(char c) => (c < 0x20 && c != '\t') || c == 0x7F;
}
