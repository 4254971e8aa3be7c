using System.Collections.Frozen;
using System.Text.Json.Nodes;
using AppServer.Protocol;
using NJsonSchema;

namespace AppServer.Testing;

/// <summary>
/// The committed <c>schema/json</c> files, compiled once per test process, and checks of what the
/// server sends against them: results by the method of their request, notifications by their
/// method, error objects against <c>JsonRpcError.json</c>. Methods not in the catalogue are skipped.
/// </summary>
internal static class ProtocolSchemas
{
    private const string ErrorSchema = "JsonRpcError";

    private static readonly FrozenDictionary<string, MethodDescriptor> s_methods =
        ProtocolCatalog.Methods.ToFrozenDictionary(m => m.Method, StringComparer.Ordinal);

    private static readonly Lazy<FrozenDictionary<string, CompiledSchema>> s_schemas = new(Load);

    public static string Folder => Path.Combine(RepositoryRoot.Path, "schema", "json");

    /// <summary>What is wrong with the response to a <paramref name="method"/> request, or null.</summary>
    public static string? CheckResponse(string method, JsonObject response)
    {
        if (response["error"] is JsonObject error)
        {
            return Check(ErrorSchema, error, $"error answering '{method}'");
        }

        if (!s_methods.TryGetValue(method, out var descriptor) || descriptor.ResultType is null)
        {
            return null;
        }

        return response.TryGetPropertyValue("result", out var result)
            ? Check(descriptor.ResultType.Name, result, $"result of '{method}'")
            : $"the response to '{method}' has neither result nor error: {response.ToJsonString()}";
    }

    /// <summary>What is wrong with an error response whose request is unknown (e.g. <c>id: null</c>), or null.</summary>
    public static string? CheckError(JsonObject response) =>
        response["error"] is JsonObject error ? Check(ErrorSchema, error, "error") : null;

    /// <summary>What is wrong with a server notification, or null.</summary>
    public static string? CheckNotification(string method, JsonObject message)
    {
        if (!s_methods.TryGetValue(method, out var descriptor) || descriptor.Direction != MessageDirection.ServerNotification)
        {
            return null;
        }

        return message.TryGetPropertyValue("params", out var parameters)
            ? Check(descriptor.ParamsType!.Name, parameters, $"params of '{method}'")
            : $"the '{method}' notification has no params: {message.ToJsonString()}";
    }

    /// <summary>Validates <paramref name="value"/> against <c>schema/json/{schemaName}.json</c>.</summary>
    public static string? Check(string schemaName, JsonNode? value, string what)
    {
        if (!s_schemas.Value.TryGetValue(schemaName, out var compiled))
        {
            return $"{what}: no committed schema {schemaName}.json in {Folder}";
        }

        var json = value?.ToJsonString() ?? "null";
        ICollection<NJsonSchema.Validation.ValidationError> errors;
        // NJsonSchema resolves references lazily inside the schema objects; one validation at a time per schema.
        lock (compiled.Gate)
        {
            errors = compiled.Schema.Validate(json);
        }

        return errors.Count == 0
            ? null
            : $"{what} violates schema/json/{schemaName}.json ({string.Join("; ", errors.Select(e => e.ToString()))}): {json}";
    }

    private static FrozenDictionary<string, CompiledSchema> Load()
    {
        var schemas = new Dictionary<string, CompiledSchema>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Folder, "*.json"))
        {
            var schema = JsonSchema.FromJsonAsync(File.ReadAllText(file)).GetAwaiter().GetResult();
            schemas[Path.GetFileNameWithoutExtension(file)] = new CompiledSchema(schema, new Lock());
        }

        return schemas.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed record CompiledSchema(JsonSchema Schema, Lock Gate);
}
