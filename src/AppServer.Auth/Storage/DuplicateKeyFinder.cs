using System.Text.Json;

namespace AppServer.Auth.Storage;

/// <summary>
/// Names the duplicated member after <see cref="JsonDocument"/> has rejected a file, so the reason
/// tells the user what to fix. Only <c>auth.json</c>'s own member names are ever echoed; any other
/// name is file content and could be a pasted secret.
/// </summary>
internal static class DuplicateKeyFinder
{
    /// <summary>Returns a safe description of the first duplicate member, or <see langword="null"/> if there is none.</summary>
    public static string? Describe(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);

        // One entry per open container: the names seen so far (null for arrays) and the name of the
        // member whose value opened it (null for the root and for array elements).
        var seen = new Stack<HashSet<string>?>();
        var openedBy = new Stack<string?>();
        string? pendingName = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        seen.Push(new HashSet<string>(StringComparer.Ordinal));
                        openedBy.Push(pendingName);
                        pendingName = null;
                        break;
                    case JsonTokenType.StartArray:
                        seen.Push(null);
                        openedBy.Push(pendingName);
                        pendingName = null;
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        seen.Pop();
                        openedBy.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        string name = reader.GetString()!;
                        if (!seen.Peek()!.Add(name))
                        {
                            return "duplicate key " + SafeName(seen.Count, openedBy.Peek(), name);
                        }

                        pendingName = name;
                        break;
                    default:
                        pendingName = null;
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Syntax error (or undecodable name) before any duplicate: not a duplicate-key problem.
        }

        return null;
    }

    private static string SafeName(int depth, string? parent, string name) => (depth, parent) switch
    {
        (1, _) when AuthJsonKeys.IsTopLevel(name) => $"'{name}'",
        (2, AuthJsonKeys.Tokens) when AuthJsonKeys.IsTokenLevel(name) => $"'{AuthJsonKeys.Tokens}.{name}'",
        _ => "in an unrecognised member",
    };
}
