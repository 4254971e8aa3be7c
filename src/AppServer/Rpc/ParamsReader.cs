using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace AppServer.Rpc;

/// <summary>
/// Turns a request's raw <c>params</c> into its record, and a failure into a -32602 whose message
/// names the offending field without echoing serializer internals (type names, line positions).
/// </summary>
internal static partial class ParamsReader
{
    public static TParams Read<TParams>(JsonElement? raw, JsonTypeInfo<TParams> typeInfo, TParams? whenAbsent)
        where TParams : class
    {
        if (raw is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return whenAbsent ?? throw ProtocolErrorException.InvalidParams("params are required");
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw ProtocolErrorException.InvalidParams("params must be a JSON object");
        }

        try
        {
            return element.Deserialize(typeInfo) ?? throw ProtocolErrorException.InvalidParams("params must be a JSON object");
        }
        catch (JsonException ex)
        {
            throw ProtocolErrorException.InvalidParams(Describe(ex));
        }
    }

    private static string Describe(JsonException ex)
    {
        var missing = MissingPropertiesPattern().Match(ex.Message);
        if (missing.Success)
        {
            var prefix = FieldName(ex.Path);
            var names = missing.Groups["names"].Value.Replace("'", string.Empty, StringComparison.Ordinal);
            var qualified = string.Join(", ", names.Split(", ").Select(n => $"'{(prefix.Length == 0 ? n : $"{prefix}.{n}")}'"));
            return $"missing required field {qualified}";
        }

        var field = FieldName(ex.Path);
        return field.Length == 0 ? "params are not valid" : $"invalid value for '{field}'";
    }

    private static string FieldName(string? path) =>
        path is null or "$" ? string.Empty : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    // System.Text.Json's wording for RespectRequiredConstructorParameters failures.
    [GeneratedRegex("missing required properties including: (?<names>.+?)\\.?$")]
    private static partial Regex MissingPropertiesPattern();
}
