namespace AppServer.Auth.Config;

/// <summary>
/// Reads <c>key = "string"</c> pairs from the top level of a TOML file (before the first table
/// header). That is all the login policy needs; a full TOML parser would be a dependency for two keys.
/// </summary>
internal static class TopLevelTomlStrings
{
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return values;
        }

        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                break;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (line.Length == 0 || line.StartsWith('#') || equals <= 0)
            {
                continue;
            }

            var key = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && value[0] is '"' or '\'' && value.IndexOf(value[0], 1) is var close and > 0)
            {
                values[key] = value[1..close];
            }
        }

        return values;
    }
}
