namespace AppServer.Auth.Login;

/// <summary>Decodes an <c>application/x-www-form-urlencoded</c> query, as browsers and the issuer send it.</summary>
internal static class QueryString
{
    /// <summary>Parses <paramref name="query"/> (with or without the leading <c>?</c>); <c>+</c> means a space.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string? query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(query))
        {
            return values;
        }

        foreach (string pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string name = Decode(equals < 0 ? pair : pair[..equals]);
            string value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            values[name] = value;
        }

        return values;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
