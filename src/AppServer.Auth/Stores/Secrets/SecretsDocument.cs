using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AppServer.Auth.Stores.Secrets;

/// <summary>
/// The plaintext inside Codex's <c>secrets/*.age</c> files: compact
/// <c>{"version":1,"secrets":{"&lt;scope&gt;/&lt;NAME&gt;":"&lt;value&gt;", …}}</c>. Entries this
/// server does not own are carried through a rewrite unchanged: they belong to other features.
/// </summary>
internal sealed class SecretsDocument
{
    /// <summary>The highest <c>version</c> understood (0, written by early builds, reads as 1).</summary>
    public const int CurrentVersion = 1;

    private static readonly JsonWriterOptions s_writerOptions = new()
    {
        Indented = false,
        // Matches serde_json: '+', '<' and non-ASCII stay as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly OrderedDictionary<string, JsonElement> _secrets;

    private SecretsDocument(OrderedDictionary<string, JsonElement> secrets)
    {
        _secrets = secrets;
    }

    public static SecretsDocument Empty() => new(new(StringComparer.Ordinal));

    /// <summary>Parses the plaintext.</summary>
    /// <exception cref="FormatException">Not a secrets document this version understands (a safe reason, no content).</exception>
    public static SecretsDocument Parse(ReadOnlySpan<byte> utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            // The parser's message may quote content, which here is a secret.
            throw new FormatException("the decrypted secrets are not valid JSON");
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("the decrypted secrets are not a JSON object");
            }

            if (root.TryGetProperty("version", out JsonElement version))
            {
                if (!version.TryGetInt32(out int number) || number < 0)
                {
                    throw new FormatException("the secrets version is not a non-negative integer");
                }

                if (number > CurrentVersion)
                {
                    throw new FormatException($"the secrets file has version {number}, newer than the {CurrentVersion} this server reads");
                }
            }

            var secrets = new OrderedDictionary<string, JsonElement>(StringComparer.Ordinal);
            if (root.TryGetProperty("secrets", out JsonElement entries) && entries.ValueKind != JsonValueKind.Null)
            {
                if (entries.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException("the secrets member is not an object");
                }

                foreach (JsonProperty entry in entries.EnumerateObject())
                {
                    secrets[entry.Name] = entry.Value.Clone();
                }
            }

            return new SecretsDocument(secrets);
        }
    }

    /// <summary>The string stored under <paramref name="name"/>, or null when there is none.</summary>
    /// <exception cref="FormatException">The entry is not a string.</exception>
    public string? Get(string name)
    {
        if (!_secrets.TryGetValue(name, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new FormatException($"the secret {name} is not a string");
    }

    public void Set(string name, string value)
    {
        using JsonDocument document = JsonDocument.Parse(EncodeString(value));
        _secrets[name] = document.RootElement.Clone();
    }

    /// <summary>Removes the entry; true when there was one.</summary>
    public bool Remove(string name) => _secrets.Remove(name);

    /// <summary>The compact UTF-8 plaintext, always at <see cref="CurrentVersion"/>.</summary>
    public byte[] Serialize()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", CurrentVersion);
            writer.WriteStartObject("secrets");
            foreach ((string name, JsonElement value) in _secrets)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] EncodeString(string value)
    {
        var buffer = new ArrayBufferWriter<byte>(value.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            writer.WriteStringValue(value);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
