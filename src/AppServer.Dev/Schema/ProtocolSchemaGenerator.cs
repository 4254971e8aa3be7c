using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AppServer.Protocol;

namespace AppServer.Dev.Schema;

/// <summary>
/// JSON Schema (draft-07) for every params, result and notification type in
/// <see cref="ProtocolCatalog"/>, exported from the records' own serializer metadata
/// (<see cref="ProtocolJsonContext"/>), plus a bundle with every type and the method-keyed unions.
/// Pure: no I/O, so tests can compare it with the committed files in memory.
/// </summary>
/// <remarks>
/// The exporter is right about names, enums, discriminators and what the deserializer requires. It
/// is post-processed only where the wire differs from the CLR view: members the server always
/// writes (even as <c>null</c>) are required in what it sends, a member written only when set is
/// optional and never <c>null</c>, and nested protocol types become shared <c>definitions</c> so a
/// TypeScript generator names them instead of inlining copies.
/// </remarks>
internal static class ProtocolSchemaGenerator
{
    /// <summary>Draft-07: what NJsonSchema (the tests' validator) and json-schema-to-typescript both read.</summary>
    public const string Dialect = "http://json-schema.org/draft-07/schema#";

    public const string BundleName = "AppServerProtocol";

    public const string ErrorTypeName = "JsonRpcError";

    private const string RequestIdName = "RequestId";

    /// <summary>The per-type documents (<c>{TypeName}.json</c>) and the bundle, in name order.</summary>
    public static IReadOnlyList<GeneratedFile> GenerateFiles()
    {
        var (documents, bundle) = Generate();
        var files = documents.Select(d => new GeneratedFile(d.Key + ".json", SchemaText.Format(d.Value))).ToList();
        files.Add(new GeneratedFile(BundleName + ".json", SchemaText.Format(bundle)));
        return [.. files.OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    /// <summary>The bundle alone (what the TypeScript generator reads).</summary>
    public static JsonObject GenerateBundle() => Generate().Bundle;

    private static (SortedDictionary<string, JsonObject> Documents, JsonObject Bundle) Generate()
    {
        var documents = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        var all = new DefinitionSet();
        foreach (var (type, direction) in RootTypes().Values)
        {
            var nested = new DefinitionSet();
            var schema = Export(type, direction, nested);
            schema["title"] = type.Name;
            all.Add(type.Name, schema);
            all.AddAll(nested);
            documents.Add(type.Name, Document(schema, nested));
        }

        var error = ErrorSchema();
        all.Add(ErrorTypeName, error);
        documents.Add(ErrorTypeName, Document(error, new DefinitionSet()));

        all.Add(RequestIdName, new JsonObject
        {
            ["title"] = RequestIdName,
            ["description"] = "A request id: echoed back unchanged, with the same JSON type.",
            ["type"] = new JsonArray("string", "integer"),
        });
        all.Add("ClientRequest", Union("ClientRequest", "Every request a client may send, keyed by method.", MessageDirection.ClientRequest, withId: true));
        all.Add("ClientNotification", Union("ClientNotification", "Every notification a client may send, keyed by method.", MessageDirection.ClientNotification, withId: false));
        all.Add("ServerNotification", Union("ServerNotification", "Every notification the server sends, keyed by method.", MessageDirection.ServerNotification, withId: false));
        all.Add("ClientRequestResults", ResultsByMethod());
        all.Add("ServerResponse", ServerResponse());

        var bundle = new JsonObject
        {
            ["$schema"] = Dialect,
            ["title"] = BundleName,
            ["description"] = "Any message of the AppServer JSON-RPC protocol, one per line. Responses are matched to requests by id; ClientRequestResults names the result type of each method.",
            ["oneOf"] = new JsonArray(SchemaNodes.Ref("ClientRequest"), SchemaNodes.Ref("ClientNotification"), SchemaNodes.Ref("ServerNotification"), SchemaNodes.Ref("ServerResponse")),
            ["definitions"] = all.ToJsonObject(),
        };
        return (documents, SchemaNodes.Canonical(bundle));
    }

    /// <summary>Every params and result type in the catalogue, with the direction it travels.</summary>
    private static SortedDictionary<string, (Type Type, SchemaDirection Direction)> RootTypes()
    {
        var roots = new SortedDictionary<string, (Type Type, SchemaDirection Direction)>(StringComparer.Ordinal);
        foreach (var method in ProtocolCatalog.Methods)
        {
            if (method.ParamsType is { } paramsType)
            {
                Add(paramsType, method.Direction == MessageDirection.ServerNotification ? SchemaDirection.ServerToClient : SchemaDirection.ClientToServer);
            }

            if (method.ResultType is { } resultType)
            {
                Add(resultType, SchemaDirection.ServerToClient);
            }
        }

        return roots;

        void Add(Type type, SchemaDirection direction)
        {
            if (roots.TryGetValue(type.Name, out var existing) && existing != (type, direction))
            {
                throw new InvalidOperationException($"'{type.Name}' appears in the catalogue twice with different types or directions.");
            }

            roots[type.Name] = (type, direction);
        }
    }

    private static JsonObject Document(JsonObject schema, DefinitionSet nested)
    {
        var document = schema.DeepClone().AsObject();
        document["$schema"] = Dialect;
        if (nested.Count > 0)
        {
            document["definitions"] = nested.ToJsonObject();
        }

        return SchemaNodes.Canonical(document);
    }

    private static JsonObject Export(Type type, SchemaDirection direction, DefinitionSet nested)
    {
        var typeInfo = ProtocolJsonContext.Default.GetTypeInfo(type)
            ?? throw new InvalidOperationException($"'{type.Name}' is in the catalogue but not in ProtocolJsonContext.");
        var options = new JsonSchemaExporterOptions
        {
            // The roots are never null on the wire; nullable members are annotated explicitly.
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) => Transform(context, node, direction, nested),
        };
        return typeInfo.GetJsonSchemaAsNode(options).AsObject();
    }

    // Called bottom-up: a node's sub-schemas have already been transformed (and hoisted) when it is.
    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode node, SchemaDirection direction, DefinitionSet nested)
    {
        if (node is not JsonObject schema)
        {
            return node;
        }

        // A CLR default is not a wire fact: experimentalApi "defaults" to null in C# but means false.
        schema.Remove("default");
        var typeInfo = context.TypeInfo;
        var clrType = Nullable.GetUnderlyingType(typeInfo.Type) ?? typeInfo.Type;
        if (!IsProtocolType(clrType))
        {
            return schema;
        }

        var nullable = SchemaNodes.AllowsNull(schema);
        var core = SchemaNodes.WithoutNull(schema);
        if (clrType.IsEnum)
        {
            core["type"] = "string";
        }
        else if (typeInfo.PolymorphismOptions is not null)
        {
            // The branches carry their own discriminator; the base is just the choice between them.
            core = new JsonObject { ["oneOf"] = core["anyOf"]!.DeepClone() };
        }
        else if (typeInfo.Kind == JsonTypeInfoKind.Object)
        {
            ApplyMemberRules(core, typeInfo, direction);
            if (context.BaseTypeInfo?.PolymorphismOptions is { } polymorphism)
            {
                MakeBranch(core, polymorphism.TypeDiscriminatorPropertyName);
            }
        }

        var isRoot = context.Path.IsEmpty && context.BaseTypeInfo is null;
        if (isRoot)
        {
            return core;
        }

        core["title"] = clrType.Name;
        nested.Add(clrType.Name, SchemaNodes.Canonical(core));
        return nullable ? SchemaNodes.NullableRef(clrType.Name) : SchemaNodes.Ref(clrType.Name);
    }

    private static void ApplyMemberRules(JsonObject schema, JsonTypeInfo typeInfo, SchemaDirection direction)
    {
        if (direction == SchemaDirection.ClientToServer)
        {
            // The exporter's required list is what RespectRequiredConstructorParameters enforces.
            return;
        }

        var properties = schema["properties"] as JsonObject;
        var required = new JsonArray();
        foreach (var property in typeInfo.Properties)
        {
            if (properties?[property.Name] is not JsonObject member)
            {
                continue;
            }

            if (property.ShouldSerialize is null)
            {
                // Always written, null included: a client can rely on the member being there.
                required.Add((JsonNode)property.Name);
            }
            else if (IsOmittedWhenNull(property))
            {
                properties[property.Name] = SchemaNodes.WithoutNull(member);
            }
        }

        schema["type"] = "object";
        schema.Remove("required");
        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        // The server writes exactly its records; anything else in a response is a bug to catch.
        schema["additionalProperties"] = false;
    }

    private static void MakeBranch(JsonObject schema, string discriminator)
    {
        var properties = schema["properties"]!.AsObject();
        var tag = properties[discriminator]!["const"]!.GetValue<string>();
        // A one-value enum rather than const: NJsonSchema 11.6 ignores const, and then two
        // branches without other required members would both match and fail oneOf.
        properties[discriminator] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(tag) };
        var required = new JsonArray(discriminator);
        foreach (var name in (schema["required"] as JsonArray ?? []).Select(n => n!.GetValue<string>()).Where(n => n != discriminator))
        {
            required.Add((JsonNode)name);
        }

        schema["type"] = "object";
        schema["required"] = required;
    }

    private static bool IsOmittedWhenNull(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
            .OfType<JsonIgnoreAttribute>()
            .Any(a => a.Condition is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault) == true;

    private static bool IsProtocolType(Type type) => type.Assembly == typeof(ProtocolCatalog).Assembly;

    private static JsonObject Union(string name, string description, MessageDirection direction, bool withId)
    {
        var branches = new JsonArray();
        foreach (var method in ProtocolCatalog.Methods.Where(m => m.Direction == direction))
        {
            var properties = new JsonObject();
            var required = new JsonArray();
            if (withId)
            {
                properties["id"] = SchemaNodes.Ref(RequestIdName);
                required.Add((JsonNode)"id");
            }

            properties["jsonrpc"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("2.0") };
            properties["method"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(method.Method) };
            required.Add((JsonNode)"method");
            if (direction == MessageDirection.ServerNotification)
            {
                // Stamped on every notification by the framing layer, beside method and params.
                properties["emittedAtMs"] = new JsonObject { ["description"] = "When the server emitted the notification, in milliseconds since the Unix epoch.", ["type"] = "integer", ["minimum"] = 0 };
                required.Add((JsonNode)"emittedAtMs");
            }

            if (method.ParamsType is { } paramsType)
            {
                properties["params"] = SchemaNodes.Ref(paramsType.Name);
                if (!method.ParamsOptional)
                {
                    required.Add((JsonNode)"params");
                }
            }

            branches.Add((JsonNode)new JsonObject
            {
                ["description"] = method.Summary,
                ["type"] = "object",
                ["properties"] = properties,
                ["required"] = required,
            });
        }

        return new JsonObject { ["title"] = name, ["description"] = description, ["oneOf"] = branches };
    }

    private static JsonObject ResultsByMethod()
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var method in ProtocolCatalog.Methods.Where(m => m.ResultType is not null))
        {
            properties[method.Method] = SchemaNodes.Ref(method.ResultType!.Name);
            required.Add((JsonNode)method.Method);
        }

        return new JsonObject
        {
            ["title"] = "ClientRequestResults",
            ["description"] = "The result type of each request method (a response carries the request's id, not its method).",
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = required,
            ["additionalProperties"] = false,
        };
    }

    private static JsonObject ServerResponse()
    {
        // anyOf, not oneOf: several results are the same empty object.
        var results = new JsonArray([.. ProtocolCatalog.Methods.Where(m => m.ResultType is not null).Select(m => m.ResultType!.Name).Distinct().Order(StringComparer.Ordinal).Select(n => (JsonNode)SchemaNodes.Ref(n))]);
        var jsonrpc = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("2.0") };
        return new JsonObject
        {
            ["title"] = "ServerResponse",
            ["description"] = "The answer to a request: its result, or an error (id is null when the request's id could not be read).",
            ["oneOf"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject { ["jsonrpc"] = jsonrpc.DeepClone(), ["id"] = SchemaNodes.Ref(RequestIdName), ["result"] = new JsonObject { ["anyOf"] = results } },
                    ["required"] = new JsonArray("id", "result"),
                    ["additionalProperties"] = false,
                },
                new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject { ["jsonrpc"] = jsonrpc.DeepClone(), ["id"] = SchemaNodes.NullableRef(RequestIdName), ["error"] = SchemaNodes.Ref(ErrorTypeName) },
                    ["required"] = new JsonArray("id", "error"),
                    ["additionalProperties"] = false,
                }),
        };
    }

    /// <summary>The <c>error</c> member of an error response: one of <see cref="ErrorCodes"/>, a message, and never <c>data</c>.</summary>
    private static JsonObject ErrorSchema()
    {
        var codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(int))
            .Select(f => (int)f.GetRawConstantValue()!)
            .Order()
            .Select(c => (JsonNode)JsonValue.Create(c));
        return SchemaNodes.Canonical(new JsonObject
        {
            ["title"] = ErrorTypeName,
            ["description"] = "The error member of an error response. error.data is never sent: no stack traces, type names or paths.",
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["code"] = new JsonObject { ["type"] = "integer", ["enum"] = new JsonArray([.. codes]) },
                ["message"] = new JsonObject { ["type"] = "string" },
            },
            ["required"] = new JsonArray("code", "message"),
            ["additionalProperties"] = false,
        });
    }
}
