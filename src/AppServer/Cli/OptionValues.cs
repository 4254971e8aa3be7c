using System.CommandLine.Parsing;

namespace AppServer.Cli;

/// <summary>Reading an option's value inside a validator, where a token that did not convert must not throw.</summary>
internal static class OptionValues
{
    /// <summary>
    /// False when the token did not convert: the parser reports that error itself (and
    /// <see cref="UsageErrors"/> words it), so the validator has nothing to add.
    /// </summary>
    public static bool TryGet<T>(OptionResult result, out T? value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default;
            return false;
        }
    }
}
