using System.Text.Json.Nodes;

namespace AppServer.Dev.Schema;

/// <summary>Small, pure edits on exported JSON Schema nodes.</summary>
internal static class SchemaNodes
{
    public const string DefinitionsPointer = "#/definitions/";

    // Keyword order of every written schema object, so files read the same whatever order the
    // exporter or a post-processing step happened to add keywords in.
    private static readonly string[] s_keywordOrder =
    [
        "$schema", "title", "description", "$ref", "type", "enum", "properties", "required",
        "additionalProperties", "items", "oneOf", "anyOf", "allOf", "definitions",
    ];

    public static JsonObject Ref(string definition) => new() { ["$ref"] = DefinitionsPointer + definition };

    public static JsonObject NullableRef(string definition) => new()
    {
        ["oneOf"] = new JsonArray(Ref(definition), new JsonObject { ["type"] = "null" }),
    };

    /// <summary>Whether the schema admits JSON <c>null</c> (a type list with "null", a null enum member or a null branch).</summary>
    public static bool AllowsNull(JsonObject schema) =>
        (schema["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null"))
        || (schema["enum"] is JsonArray values && values.Any(v => v is null))
        || (schema["oneOf"] is JsonArray branches && branches.Any(b => b is JsonObject o && o["type"]?.GetValue<string>() == "null"));

    /// <summary>The same schema without <c>null</c>: used where the wire never carries it.</summary>
    public static JsonObject WithoutNull(JsonObject schema)
    {
        var copy = schema.DeepClone().AsObject();
        if (copy["type"] is JsonArray types)
        {
            var rest = types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList();
            copy["type"] = rest.Count == 1 ? JsonValue.Create(rest[0]) : new JsonArray([.. rest.Select(t => (JsonNode)JsonValue.Create(t))]);
        }

        if (copy["enum"] is JsonArray values)
        {
            copy["enum"] = new JsonArray([.. values.Where(v => v is not null).Select(v => v!.DeepClone())]);
        }

        if (copy["oneOf"] is JsonArray branches)
        {
            var rest = branches.Where(b => !(b is JsonObject o && o["type"]?.GetValue<string>() == "null")).Select(b => b!.DeepClone()).ToList();
            if (rest.Count == 1 && copy.Count == 1)
            {
                return rest[0].AsObject();
            }

            copy["oneOf"] = new JsonArray([.. rest]);
        }

        return copy;
    }

    /// <summary>Rewrites a schema (and every sub-schema) with its keywords in a fixed order; property and definition maps keep their own order.</summary>
    public static JsonObject Canonical(JsonObject schema)
    {
        var result = new JsonObject();
        var keys = schema.Select(p => p.Key).OrderBy(Rank).ToList();
        foreach (var key in keys)
        {
            var value = schema[key]?.DeepClone();
            result[key] = key switch
            {
                "properties" or "definitions" => CanonicalMap(value!.AsObject()),
                "items" or "additionalProperties" when value is JsonObject sub => Canonical(sub),
                "oneOf" or "anyOf" or "allOf" => new JsonArray([.. value!.AsArray().Select(b => (JsonNode)Canonical(b!.AsObject()))]),
                _ => value,
            };
        }

        return result;
    }

    private static JsonObject CanonicalMap(JsonObject map)
    {
        var result = new JsonObject();
        foreach (var (name, sub) in map)
        {
            result[name] = Canonical(sub!.AsObject());
        }

        return result;
    }

    private static int Rank(string keyword)
    {
        var index = Array.IndexOf(s_keywordOrder, keyword);
        return index < 0 ? s_keywordOrder.Length : index;
    }
}
