using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using AppServer.Auth.Jwt;

namespace AppServer.Auth.Storage;

/// <summary>
/// Reads and writes the <c>auth.json</c> format (docs/codex-compatibility.md §1.2). Reading is strict, because a
/// half-understood credential file must be reported rather than guessed at; writing is
/// deterministic, because callers fingerprint the bytes to compare credential snapshots.
/// </summary>
internal static class AuthJsonCodec
{
    private static readonly JsonDocumentOptions s_documentOptions = new()
    {
        // Two values for one key is ambiguous: which token would upstream have used? Reject it.
        AllowDuplicateProperties = false,
    };

    // Properties rather than fields: the relaxed encoder builds its tables when first asked for,
    // and a server that only reads auth.json (most starts) never needs it.
    private static JsonWriterOptions WriterOptions => new()
    {
        Indented = true,
        IndentCharacter = ' ',
        IndentSize = 2,
        // Fixed rather than Environment.NewLine so the bytes, and so the fingerprint, are the same everywhere.
        NewLine = "\n",
        // The file is never embedded in HTML, so '+' (common in keys) and non-ASCII stay readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // Keyring entries hold the same object on one line, as Codex stores them.
    private static JsonWriterOptions CompactWriterOptions => new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Parses <c>auth.json</c> bytes. A leading UTF-8 BOM is accepted (Windows editors add one).</summary>
    /// <exception cref="AuthFileFormatException">The content is not a valid credential record.</exception>
    public static AuthRecord Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            throw new AuthFileFormatException("empty file");
        }

        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        if (utf8.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new AuthFileFormatException("file contains only whitespace");
        }

        if (!Utf8.IsValid(utf8))
        {
            throw new AuthFileFormatException("file is not valid UTF-8");
        }

        using JsonDocument document = ParseDocument(utf8);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new AuthFileFormatException("top level is not a JSON object");
        }

        CredentialMode? mode = null;
        string? apiKey = null;
        TokenData? tokens = null;
        DateTimeOffset? lastRefresh = null;
        OrderedDictionary<string, JsonElement>? unknown = null;
        foreach (JsonProperty property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case AuthJsonKeys.AuthMode:
                    mode = ReadMode(property.Value);
                    break;
                case AuthJsonKeys.ApiKey:
                    apiKey = ReadOptionalString(property.Value, AuthJsonKeys.ApiKey);
                    break;
                case AuthJsonKeys.Tokens:
                    tokens = ReadTokens(property.Value);
                    break;
                case AuthJsonKeys.LastRefresh:
                    lastRefresh = ReadLastRefresh(property.Value);
                    break;
                default:
                    // Cloned so the value outlives the document; kept so a rewrite preserves it.
                    (unknown ??= new(StringComparer.Ordinal)).Add(property.Name, property.Value.Clone());
                    break;
            }
        }

        return new AuthRecord
        {
            ExplicitMode = mode,
            ApiKey = apiKey,
            Tokens = tokens,
            LastRefresh = lastRefresh,
            UnknownFields = unknown,
        };
    }

    /// <summary>
    /// Writes <paramref name="record"/> pretty-printed (2 spaces, <c>\n</c>), UTF-8 without BOM, keys in
    /// upstream order followed by preserved unknown fields in their original order.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown field reuses a known name (the file would have a duplicate key).</exception>
    public static byte[] Serialize(AuthRecord record) => Serialize(record, WriterOptions);

    /// <summary>The same object as <see cref="Serialize(AuthRecord)"/> on one line: what a keyring entry holds.</summary>
    /// <exception cref="ArgumentException">An unknown field reuses a known name (the file would have a duplicate key).</exception>
    public static byte[] SerializeCompact(AuthRecord record) => Serialize(record, CompactWriterOptions);

    private static byte[] Serialize(AuthRecord record, JsonWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(record);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            writer.WriteStartObject();
            if (record.ExplicitMode is { } mode)
            {
                writer.WriteString(AuthJsonKeys.AuthMode, AuthModeNames.ToDisk(mode));
            }

            // Always present, null when there is no key: upstream writes it that way.
            WriteStringOrNull(writer, AuthJsonKeys.ApiKey, record.ApiKey);
            if (record.Tokens is { } tokens)
            {
                writer.WriteStartObject(AuthJsonKeys.Tokens);
                writer.WriteString(AuthJsonKeys.IdToken, tokens.IdToken);
                writer.WriteString(AuthJsonKeys.AccessToken, tokens.AccessToken);
                writer.WriteString(AuthJsonKeys.RefreshToken, tokens.RefreshToken);
                WriteStringOrNull(writer, AuthJsonKeys.AccountId, tokens.AccountId);
                WriteUnknown(writer, tokens.UnknownFields, AuthJsonKeys.IsTokenLevel);
                writer.WriteEndObject();
            }

            if (record.LastRefresh is { } lastRefresh)
            {
                writer.WriteString(AuthJsonKeys.LastRefresh, Rfc3339Timestamp.Format(lastRefresh));
            }

            WriteUnknown(writer, record.UnknownFields, AuthJsonKeys.IsTopLevel);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static JsonDocument ParseDocument(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonDocument.Parse(utf8.ToArray(), s_documentOptions);
        }
        catch (JsonException ex)
        {
            // The parser's own message quotes input bytes, so only positions are passed on.
            string reason = DuplicateKeyFinder.Describe(utf8)
                ?? (ex.LineNumber is long line && ex.BytePositionInLine is long column
                    ? $"invalid JSON at line {line + 1}, byte {column + 1}"
                    : "invalid JSON");
            throw new AuthFileFormatException(reason);
        }
    }

    private static CredentialMode ReadMode(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new AuthFileFormatException($"{AuthJsonKeys.AuthMode} is not a string");
        }

        string text = value.GetString()!;
        if (AuthModeNames.TryParse(text, out CredentialMode mode))
        {
            return mode;
        }

        // Echo the value only when it is a known name in the wrong case ("apiKey" is a real mix-up
        // with the wire spelling); anything else could be a secret pasted into the wrong place.
        throw new AuthFileFormatException(AuthModeNames.IsMiscasedKnownName(text)
            ? $"unknown {AuthJsonKeys.AuthMode} '{text}' (values are case-sensitive)"
            : $"unknown {AuthJsonKeys.AuthMode}");
    }

    private static TokenData? ReadTokens(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new AuthFileFormatException($"{AuthJsonKeys.Tokens} is not an object or null");
        }

        string? idToken = null;
        string? accessToken = null;
        string? refreshToken = null;
        string? accountId = null;
        OrderedDictionary<string, JsonElement>? unknown = null;
        foreach (JsonProperty property in value.EnumerateObject())
        {
            switch (property.Name)
            {
                case AuthJsonKeys.IdToken:
                    idToken = ReadRequiredString(property.Value, AuthJsonKeys.IdToken);
                    break;
                case AuthJsonKeys.AccessToken:
                    accessToken = ReadRequiredString(property.Value, AuthJsonKeys.AccessToken);
                    break;
                case AuthJsonKeys.RefreshToken:
                    refreshToken = ReadRequiredString(property.Value, AuthJsonKeys.RefreshToken);
                    break;
                case AuthJsonKeys.AccountId:
                    accountId = ReadOptionalString(property.Value, $"{AuthJsonKeys.Tokens}.{AuthJsonKeys.AccountId}");
                    break;
                default:
                    (unknown ??= new(StringComparer.Ordinal)).Add(property.Name, property.Value.Clone());
                    break;
            }
        }

        idToken = idToken ?? throw Missing(AuthJsonKeys.IdToken);
        accessToken = accessToken ?? throw Missing(AuthJsonKeys.AccessToken);
        refreshToken = refreshToken ?? throw Missing(AuthJsonKeys.RefreshToken);

        // Upstream fails the whole load on an unparseable id_token (docs/codex-compatibility.md §1.2); so do we.
        if (!IdTokenClaimsParser.TryParse(idToken, out IdTokenClaims? claims))
        {
            throw new AuthFileFormatException($"{AuthJsonKeys.Tokens}.{AuthJsonKeys.IdToken} is not a JWT");
        }

        return new TokenData(idToken, claims, accessToken, refreshToken, accountId, unknown);
    }

    private static DateTimeOffset? ReadLastRefresh(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && Rfc3339Timestamp.TryParse(value.GetString()!, out DateTimeOffset parsed))
        {
            return parsed;
        }

        throw new AuthFileFormatException($"{AuthJsonKeys.LastRefresh} is not an RFC 3339 timestamp");
    }

    private static string ReadRequiredString(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new AuthFileFormatException($"{AuthJsonKeys.Tokens}.{name} is not a string");

    private static string? ReadOptionalString(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => throw new AuthFileFormatException($"{path} is not a string or null"),
    };

    private static AuthFileFormatException Missing(string name) =>
        new($"{AuthJsonKeys.Tokens}.{name} is missing");

    private static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteUnknown(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement>? fields, Func<string, bool> isKnown)
    {
        if (fields is null)
        {
            return;
        }

        foreach ((string name, JsonElement value) in fields)
        {
            if (isKnown(name))
            {
                throw new ArgumentException($"Unknown field '{name}' collides with a known auth.json member.", nameof(fields));
            }

            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
    }
}
