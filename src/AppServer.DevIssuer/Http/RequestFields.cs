using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace AppServer.DevIssuer.Http;

/// <summary>
/// The string fields of a JSON-object or form-encoded body. <c>/oauth/token</c> receives both: JSON
/// for refresh, form for the login grants.
/// </summary>
internal sealed class RequestFields
{
    private readonly Dictionary<string, string> _fields;

    private RequestFields(Dictionary<string, string> fields) => _fields = fields;

    public string? this[string name] => _fields.GetValueOrDefault(name);

    public string? GrantType => this["grant_type"];

    public string? ClientId => this["client_id"];

    /// <summary>Null when the body is empty, not a JSON object, or not form data.</summary>
    public static RequestFields? Parse(string? contentType, string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        if (contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            var form = QueryHelpers.ParseQuery(body);
            return new RequestFields(form.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal));
        }

        try
        {
            if (JsonNode.Parse(body) is not JsonObject json)
            {
                return null;
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in json)
            {
                if (value?.GetValueKind() == JsonValueKind.String)
                {
                    fields[name] = value.GetValue<string>();
                }
            }

            return new RequestFields(fields);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
