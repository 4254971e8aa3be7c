using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AppServer.Rpc;

/// <summary>
/// Turns a request's raw <c>params</c> into its record, and a failure into a -32602 whose message
/// names the offending field without echoing serializer internals (type names, line positions).
/// </summary>
internal static class ParamsReader
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

        if (typeInfo.PolymorphismOptions is { } polymorphism && DiscriminatorProblem(element, polymorphism) is { } problem)
        {
            throw ProtocolErrorException.InvalidParams(problem);
        }

        try
        {
            return element.Deserialize(typeInfo) ?? throw ProtocolErrorException.InvalidParams("params must be a JSON object");
        }
        catch (JsonException ex)
        {
            throw ProtocolErrorException.InvalidParams(Describe(ex));
        }
        catch (NotSupportedException)
        {
            // System.Text.Json's answer to a tagged union it cannot resolve (an abstract type with no
            // usable tag) deeper than the root checked above: still the client's input, never -32603.
            throw ProtocolErrorException.InvalidParams("params are not valid");
        }
    }

    /// <summary>
    /// A tagged union (<c>account/login/start</c>'s <c>type</c>) is checked before deserializing:
    /// without its tag System.Text.Json throws NotSupportedException about the abstract type, and an
    /// unknown tag yields an error that names no field. Both become a -32602 naming the tag.
    /// </summary>
    private static string? DiscriminatorProblem(JsonElement element, JsonPolymorphismOptions polymorphism)
    {
        var name = polymorphism.TypeDiscriminatorPropertyName;
        if (!element.TryGetProperty(name, out var tag))
        {
            return $"missing required field '{name}'";
        }

        foreach (var derived in polymorphism.DerivedTypes)
        {
            var matches = derived.TypeDiscriminator switch
            {
                string text => tag.ValueKind == JsonValueKind.String && tag.ValueEquals(text),
                int number => tag.ValueKind == JsonValueKind.Number && tag.TryGetInt32(out var value) && value == number,
                _ => false,
            };
            if (matches)
            {
                return null;
            }
        }

        return $"invalid value for '{name}'";
    }

    private static string Describe(JsonException ex)
    {
        var marker = ex.Message.IndexOf(MissingPropertiesMarker, StringComparison.Ordinal);
        if (marker >= 0)
        {
            var prefix = FieldName(ex.Path);
            var names = ex.Message[(marker + MissingPropertiesMarker.Length)..].TrimEnd().TrimEnd('.').Replace("'", string.Empty, StringComparison.Ordinal);
            var qualified = string.Join(", ", names.Split(", ").Select(n => $"'{(prefix.Length == 0 ? n : $"{prefix}.{n}")}'"));
            return $"missing required field {qualified}";
        }

        var field = FieldName(ex.Path);
        return field.Length == 0 ? "params are not valid" : $"invalid value for '{field}'";
    }

    private static string FieldName(string? path) =>
        path is null or "$" ? string.Empty : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    // System.Text.Json's wording for RespectRequiredConstructorParameters failures; the names follow it.
    private const string MissingPropertiesMarker = "missing required properties including: ";
}
