using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace AppServer.Cli;

/// <summary>
/// Turns what the parser found wrong into the one line a person reads: no CLR type names, one
/// sentence ending in a full stop, and a rule the parser does not know (serve options given before
/// another verb would otherwise be accepted and then silently ignored).
/// </summary>
internal static partial class UsageErrors
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
        var match = CannotParse().Match(message);
        if (!match.Success)
        {
            return message;
        }

        var type = match.Groups["type"].Value;
        var expected = type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) ? "a whole number"
            : type.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
            : "another value";
        return $"'{match.Groups["value"].Value}' is not a valid value for {match.Groups["option"].Value}: expected {expected}.";
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (?:option|argument) '(?<option>[^']+)' as expected type '(?<type>[^']+)'\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex CannotParse();
}
