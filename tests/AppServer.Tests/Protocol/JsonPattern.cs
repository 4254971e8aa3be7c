using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AppServer.Tests.Protocol;

/// <summary>
/// Compares parsed JSON (never bytes: member order and escaping are not part of the contract), where
/// a string <c>"&lt;name&gt;"</c> in the expected value matches any string and binds it: the same
/// name must match the same value everywhere in a transcript. Two names are reserved and bind
/// nothing, for values that differ on every message: <c>"&lt;epochMs&gt;"</c> matches any
/// non-negative integer (the <c>emittedAtMs</c> stamp) and <c>"&lt;rfc3339&gt;"</c> any UTC
/// timestamp string.
/// </summary>
internal static partial class JsonPattern
{
    /// <summary>Null when <paramref name="actual"/> matches; otherwise where and how it differs.</summary>
    public static string? Match(JsonNode? expected, JsonNode? actual, IDictionary<string, string> bindings, string path = "$")
    {
        switch (expected)
        {
            case JsonValue value when value.TryGetValue<string>(out var reserved) && reserved == EpochMs:
                return actual is JsonValue number && number.GetValueKind() == JsonValueKind.Number && number.TryGetValue<long>(out var ms) && ms >= 0
                    ? null
                    : $"{path}: expected a non-negative integer, got {actual?.ToJsonString() ?? "null"}";
            case JsonValue value when value.TryGetValue<string>(out var reserved) && reserved == Rfc3339:
                return actual is JsonValue stamp && stamp.TryGetValue<string>(out var stampText) && Rfc3339Utc().IsMatch(stampText)
                    ? null
                    : $"{path}: expected an RFC 3339 UTC timestamp, got {actual?.ToJsonString() ?? "null"}";
            case JsonValue value when value.TryGetValue<string>(out var text) && Placeholder().Match(text) is { Success: true } placeholder:
                if (actual is not JsonValue actualValue || !actualValue.TryGetValue<string>(out var actualText))
                {
                    return $"{path}: expected a string for {text}, got {actual?.ToJsonString() ?? "null"}";
                }

                var name = placeholder.Groups["name"].Value;
                if (bindings.TryGetValue(name, out var bound) && bound != actualText)
                {
                    return $"{path}: {text} was \"{bound}\", now \"{actualText}\"";
                }

                bindings[name] = actualText;
                return null;
            case JsonObject expectedObject:
                if (actual is not JsonObject actualObject)
                {
                    return $"{path}: expected an object, got {actual?.ToJsonString() ?? "null"}";
                }

                if (actualObject.Select(p => p.Key).FirstOrDefault(k => !expectedObject.ContainsKey(k)) is { } extra)
                {
                    return $"{path}: unexpected member '{extra}'";
                }

                foreach (var (key, child) in expectedObject)
                {
                    if (!actualObject.TryGetPropertyValue(key, out var actualChild))
                    {
                        return $"{path}: missing member '{key}'";
                    }

                    if (Match(child, actualChild, bindings, $"{path}.{key}") is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonArray expectedArray:
                if (actual is not JsonArray actualArray || actualArray.Count != expectedArray.Count)
                {
                    return $"{path}: expected an array of {expectedArray.Count}, got {actual?.ToJsonString() ?? "null"}";
                }

                for (var i = 0; i < expectedArray.Count; i++)
                {
                    if (Match(expectedArray[i], actualArray[i], bindings, $"{path}[{i}]") is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            default:
                return JsonNode.DeepEquals(expected, actual) ? null : $"{path}: expected {expected?.ToJsonString() ?? "null"}, got {actual?.ToJsonString() ?? "null"}";
        }
    }

    /// <summary>Replaces each <c>"&lt;name&gt;"</c> in a line to send with its bound value (JSON-encoded).</summary>
    public static string Substitute(string line, IReadOnlyDictionary<string, string> bindings) =>
        QuotedPlaceholder().Replace(line, match =>
        {
            var name = match.Groups["name"].Value;
            return bindings.TryGetValue(name, out var value)
                ? JsonSerializer.Serialize(value)
                : throw new InvalidOperationException($"\"<{name}>\" is sent before anything bound it.");
        });

    private const string EpochMs = "<epochMs>";

    private const string Rfc3339 = "<rfc3339>";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")]
    private static partial Regex Rfc3339Utc();

    [GeneratedRegex("^<(?<name>[A-Za-z][A-Za-z0-9]*)>$")]
    private static partial Regex Placeholder();

    [GeneratedRegex("\"<(?<name>[A-Za-z][A-Za-z0-9]*)>\"")]
    private static partial Regex QuotedPlaceholder();
}
