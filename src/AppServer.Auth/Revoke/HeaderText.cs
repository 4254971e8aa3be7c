namespace AppServer.Auth.Revoke;

/// <summary>Forces a header value into printable ASCII: the User-Agent embeds client-supplied names, and CR/LF would split the header.</summary>
internal static class HeaderText
{
    public static string Printable(string value) =>
        string.Create(value.Length, value, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                char c = source[i];
                span[i] = c is >= ' ' and <= '~' ? c : '_';
            }
        });
}
