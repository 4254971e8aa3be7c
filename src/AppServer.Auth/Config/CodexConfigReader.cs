using AppServer.Auth.Stores;
using Microsoft.Extensions.Logging;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace AppServer.Auth.Config;

/// <summary>
/// Reads the settings of <see cref="CodexConfig"/> from <c>$CODEX_HOME/config.toml</c> with a real
/// TOML parser (a Codex configuration has tables, comments, escapes and multi-line strings). It walks
/// the syntax tree rather than binding to a type, so nothing depends on reflection. A file that does
/// not parse is reported once with its line, and every setting keeps its default: the server still
/// starts, as it would with no file.
/// </summary>
internal static class CodexConfigReader
{
    public const string FileName = "config.toml";

    /// <summary>Larger files are not read: a real configuration is a few KiB.</summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    public static CodexConfig Read(string codexHome, ILogger logger)
    {
        var path = Path.Combine(codexHome, FileName);
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return CodexConfig.Default;
            }

            if (info.Length > MaxFileBytes)
            {
                CodexConfigLog.Unreadable(logger, path, $"larger than {MaxFileBytes} bytes");
                return CodexConfig.Default;
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return CodexConfig.Default;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            CodexConfigLog.Unreadable(logger, path, ex is UnauthorizedAccessException ? "permission denied" : ex.Message);
            return CodexConfig.Default;
        }

        return Parse(text, path, logger);
    }

    /// <summary>Parses <paramref name="text"/>; <paramref name="path"/> only names the file in reports.</summary>
    public static CodexConfig Parse(string text, string path, ILogger logger)
    {
        DocumentSyntax document = SyntaxParser.Parse(text, path, validate: true);
        if (document.HasErrors)
        {
            var first = document.Diagnostics.First(d => d.Kind == DiagnosticMessageKind.Error);
            CodexConfigLog.Unparsable(logger, path, LineOf(first.Span), first.Message);
            return CodexConfig.Default;
        }

        var values = new Dictionary<string, KeyValueSyntax>(StringComparer.Ordinal);
        Collect(values, prefix: null, document.KeyValues);
        foreach (var table in document.Tables)
        {
            // Arrays of tables ([[x]]) hold nothing this server reads.
            if (table is TableSyntax && table.Name is { } name)
            {
                Collect(values, KeyPath(name), table.Items);
            }
        }

        var config = CodexConfig.Default;
        var reader = new ValueReader(values, path, logger);
        if (reader.String("cli_auth_credentials_store") is { } store)
        {
            if (ParseStoreMode(store) is { } mode)
            {
                config = config with { StoreMode = mode };
            }
            else
            {
                reader.Report("cli_auth_credentials_store", $"cli_auth_credentials_store = \"{store}\" is not one of file, keyring, auto, ephemeral");
            }
        }

        if (reader.Boolean("features.secret_auth_storage") is { } secrets)
        {
            config = config with { SecretAuthStorage = secrets };
        }

        if (reader.String("forced_login_method") is { } method)
        {
            config = config with { ForcedLoginMethod = method };
        }

        if (reader.String("forced_chatgpt_workspace_id") is { Length: > 0 } workspace)
        {
            config = config with { ForcedChatGptWorkspaceId = workspace };
        }

        return config;
    }

    /// <summary>The mode Codex names <paramref name="value"/>; null for anything it would reject.</summary>
    public static CredentialStoreMode? ParseStoreMode(string value) => value switch
    {
        "file" => CredentialStoreMode.File,
        "keyring" => CredentialStoreMode.Keyring,
        "auto" => CredentialStoreMode.Auto,
        "ephemeral" => CredentialStoreMode.Ephemeral,
        _ => null,
    };

    private static void Collect(Dictionary<string, KeyValueSyntax> values, string? prefix, IEnumerable<KeyValueSyntax> items)
    {
        foreach (var item in items)
        {
            if (item.Key is not { } key)
            {
                continue;
            }

            var fullKey = prefix is null ? KeyPath(key) : $"{prefix}.{KeyPath(key)}";
            if (item.Value is InlineTableSyntax inline)
            {
                // features = { secret_auth_storage = true } means the same as the [features] table.
                Collect(values, fullKey, inline.Items.Select(entry => entry.KeyValue).OfType<KeyValueSyntax>());
                continue;
            }

            values[fullKey] = item;
        }
    }

    private static string KeyPath(KeySyntax key)
    {
        var parts = new List<string> { KeyPart(key.Key) };
        foreach (var dotted in key.DotKeys)
        {
            parts.Add(KeyPart(dotted.Key));
        }

        return string.Join('.', parts);
    }

    private static string KeyPart(BareKeyOrStringValueSyntax? part) => part switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? string.Empty,
        StringValueSyntax quoted => quoted.Value ?? string.Empty,
        _ => string.Empty,
    };

    // Tomlyn counts lines from zero; editors and people count from one.
    private static int LineOf(SourceSpan span) => span.Start.Line + 1;

    private sealed class ValueReader(Dictionary<string, KeyValueSyntax> values, string path, ILogger logger)
    {
        public string? String(string key)
        {
            if (!values.TryGetValue(key, out var item))
            {
                return null;
            }

            if (item.Value is StringValueSyntax { Value: { } text })
            {
                return text;
            }

            Report(key, $"{key} must be a string");
            return null;
        }

        public bool? Boolean(string key)
        {
            if (!values.TryGetValue(key, out var item))
            {
                return null;
            }

            if (item.Value is BooleanValueSyntax boolean)
            {
                return boolean.Value;
            }

            Report(key, $"{key} must be true or false");
            return null;
        }

        public void Report(string key, string problem) => CodexConfigLog.BadValue(logger, path, LineOf(values[key].Span), problem);
    }
}
