using System.Text.Json;

namespace AppServer.Auth.Storage;

/// <summary>
/// One complete credential record, as held in <c>auth.json</c> (docs/codex-compatibility.md §1.2). Immutable: every
/// change produces a new record.
/// </summary>
internal sealed record AuthRecord
{
    /// <summary><c>auth_mode</c> as written; <see langword="null"/> when the file has none (legacy files).</summary>
    public CredentialMode? ExplicitMode { get; init; }

    /// <summary><c>OPENAI_API_KEY</c>.</summary>
    public string? ApiKey { get; init; }

    public TokenData? Tokens { get; init; }

    /// <summary><c>last_refresh</c>, UTC.</summary>
    public DateTimeOffset? LastRefresh { get; init; }

    /// <summary>Top-level members this version does not know, preserved on rewrite.</summary>
    public IReadOnlyDictionary<string, JsonElement>? UnknownFields { get; init; }

    /// <summary>
    /// Mode resolution (docs/codex-compatibility.md §1.2): an explicit <c>auth_mode</c> wins; otherwise a non-null key
    /// means API-key auth; otherwise managed ChatGPT.
    /// </summary>
    public CredentialMode Mode => ExplicitMode ?? (ApiKey is not null ? CredentialMode.ApiKey : CredentialMode.ChatGpt);
}
