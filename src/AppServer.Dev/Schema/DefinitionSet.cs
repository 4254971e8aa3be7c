using System.Text.Json.Nodes;

namespace AppServer.Dev.Schema;

/// <summary>
/// Named schemas, kept in name order. A name added twice must export identically: a record used
/// both in params and in results would get different required-ness rules, and one schema cannot
/// honestly describe both.
/// </summary>
internal sealed class DefinitionSet
{
    private readonly SortedDictionary<string, JsonObject> _definitions = new(StringComparer.Ordinal);

    public int Count => _definitions.Count;

    public void Add(string name, JsonObject schema)
    {
        if (_definitions.TryGetValue(name, out var existing))
        {
            if (!JsonNode.DeepEquals(existing, schema))
            {
                throw new InvalidOperationException(
                    $"'{name}' exports to two different schemas (is it used both by the client and by the server?); give each direction its own record.");
            }

            return;
        }

        _definitions.Add(name, schema);
    }

    public void AddAll(DefinitionSet other)
    {
        foreach (var (name, schema) in other._definitions)
        {
            Add(name, schema);
        }
    }

    public JsonObject ToJsonObject()
    {
        var result = new JsonObject();
        foreach (var (name, schema) in _definitions)
        {
            result[name] = schema.DeepClone();
        }

        return result;
    }
}
