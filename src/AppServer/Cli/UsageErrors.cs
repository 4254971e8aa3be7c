using System.CommandLine;
using System.CommandLine.Parsing;

namespace AppServer.Cli;

/// <summary>
/// Turns what the parser found wrong into the one line a person reads: no CLR type names, one
/// sentence ending in a full stop, and a rule the parser does not know (serve options given before
/// another verb would otherwise be accepted and then silently ignored).
/// </summary>
internal static class UsageErrors
{
    /// <summary>The line to print (without the "appserver: " prefix), or null when the parse is usable.</summary>
    public static string? Find(ParseResult parsed, Command root, Command serve)
    {
        if (parsed.Errors.Count > 0)
        {
            return Sentence(Humanize(parsed.Errors[0].Message));
        }

        var verb = parsed.CommandResult.Command;
        if (verb == root || verb == serve)
        {
            return null;
        }

        // Options of the bare command (which serves) are accepted by the parser before any verb.
        var misplaced = parsed.RootCommandResult.Children.OfType<OptionResult>().FirstOrDefault(static o => !o.Implicit);
        return misplaced is null
            ? null
            : $"{misplaced.Option.Name} is an option of serving ('appserver serve {misplaced.Option.Name} …'); '{verb.Name}' does not take it.";
    }

    /// <summary>Ends <paramref name="message"/> with a full stop, so "Run 'appserver --help'" starts a sentence of its own.</summary>
    public static string Sentence(string message)
    {
        var text = string.Join(' ', message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return text.Length == 0 || text[^1] is '.' or '!' or '?' ? text : text + ".";
    }

    private static string Humanize(string message)
    {
        if (!TryReadCannotParse(message, out var value, out var option, out var type))
        {
            return message;
        }

        var expected = type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) ? "a whole number"
            : type.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
            : "another value";
        return $"'{value}' is not a valid value for {option}: expected {expected}.";
    }

    /// <summary>
    /// Reads System.CommandLine's <c>Cannot parse argument 'VALUE' for option 'NAME' as expected type
    /// 'TYPE'.</c> (or <c>for argument</c>). The value may itself hold quotes, so it ends at the last
    /// <c>' for option '</c>; the name and the type hold none.
    /// </summary>
    private static bool TryReadCannotParse(string message, out string value, out string option, out string type)
    {
        const string Prefix = "Cannot parse argument '";
        const string TypeMarker = "' as expected type '";
        value = option = type = string.Empty;
        var text = message.EndsWith('.') ? message[..^1] : message;
        var typeAt = text.LastIndexOf(TypeMarker, StringComparison.Ordinal);
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || typeAt < 0 || !text.EndsWith('\''))
        {
            return false;
        }

        type = text[(typeAt + TypeMarker.Length)..^1];
        var head = text[..typeAt];
        foreach (var marker in (ReadOnlySpan<string>)["' for option '", "' for argument '"])
        {
            var optionAt = head.LastIndexOf(marker, StringComparison.Ordinal);
            if (optionAt >= Prefix.Length)
            {
                value = head[Prefix.Length..optionAt];
                option = head[(optionAt + marker.Length)..];
                return option.Length > 0 && type.Length > 0 && !option.Contains('\'') && !type.Contains('\'');
            }
        }

        return false;
    }
}
