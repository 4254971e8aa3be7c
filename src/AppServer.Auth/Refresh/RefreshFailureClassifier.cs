using System.Collections.Frozen;

namespace AppServer.Auth.Refresh;

/// <summary>
/// Turns a non-2xx answer from the token endpoint into a <see cref="RefreshError"/>. The policy is
/// the two tables below; the code only looks things up in them, so a reviewer can check the
/// behaviour against docs/failure-modes.md §3.7 row by row.
/// </summary>
internal static class RefreshFailureClassifier
{
    /// <summary>
    /// Error codes that mean the refresh token is dead, and the reason each maps to. On a 401 any
    /// code missing here is <see cref="RefreshFailureKind.Other"/>; on a 400 a code missing here is
    /// transient. Exact matches only, so an application-shaped error is never taken for a dead
    /// token (RESP-11).
    /// </summary>
    private static readonly FrozenDictionary<string, RefreshFailureKind> s_terminalCodes =
        new Dictionary<string, RefreshFailureKind>(StringComparer.Ordinal)
        {
            ["refresh_token_expired"] = RefreshFailureKind.Expired,
            ["refresh_token_reused"] = RefreshFailureKind.Exhausted,
            ["refresh_token_invalidated"] = RefreshFailureKind.Revoked,
            ["invalid_grant"] = RefreshFailureKind.Other,

            // Named as terminal AuthAPI refresh codes in openai/codex PR #27351 (HTTP-09); that PR
            // keeps the generic message for them rather than inventing a reason.
            ["invalid_refresh_token"] = RefreshFailureKind.Other,
            ["app_session_expired"] = RefreshFailureKind.Other,
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Statuses with a rule of their own; see <see cref="RuleFor"/> for everything else.</summary>
    private static readonly FrozenDictionary<int, RefreshStatusRule> s_statusRules =
        new Dictionary<int, RefreshStatusRule>
        {
            // Upstream (0.118) treats every 400 as transient and re-sends the dead token on each
            // demand (docs/codex-compatibility.md §12 W4); a terminal code here is as final as on a 401.
            [400] = RefreshStatusRule.PermanentWhenTerminalCode,
            [401] = RefreshStatusRule.Permanent,

            // A 403 comes from geo-blocking (unsupported_country_region_territory) or a WAF in
            // front of the issuer. It says nothing about the refresh token, and making it
            // permanent would silently log the user out, so it stays transient (HTTP-11).
            [403] = RefreshStatusRule.TransientFinal,
            [408] = RefreshStatusRule.TransientRetryable,
            [429] = RefreshStatusRule.TransientRetryable,
        }.ToFrozenDictionary();

    /// <summary>
    /// Classifies one non-2xx response. Never throws for any body.
    /// </summary>
    /// <param name="statusCode">The HTTP status; must not be 2xx.</param>
    /// <param name="body">The raw response body, possibly empty or not JSON.</param>
    /// <param name="retryAfter">The parsed <c>Retry-After</c>, carried into transient errors.</param>
    /// <param name="sentRefreshToken">The token that was sent, scrubbed from any text that becomes a message.</param>
    public static RefreshError Classify(int statusCode, string? body, TimeSpan? retryAfter, string sentRefreshToken)
    {
        if (statusCode is >= 200 and <= 299)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A 2xx answer is not a failure to classify.");
        }

        RefreshErrorBody parsed = RefreshErrorBody.Parse(body);
        switch (RuleFor(statusCode))
        {
            case RefreshStatusRule.Permanent:
                return Permanent(TerminalKind(parsed.Code) ?? RefreshFailureKind.Other);
            case RefreshStatusRule.PermanentWhenTerminalCode when TerminalKind(parsed.Code) is { } kind:
                return Permanent(kind);
            default:
                return new TransientRefreshError(
                    RefreshMessages.TransientHttp(statusCode, TransientDetail(parsed, body, sentRefreshToken)),
                    statusCode,
                    retryAfter);
        }
    }

    /// <summary>
    /// Whether a transient failure with this status is worth another attempt inside the same
    /// call. <see langword="null"/> (no response: network error or timeout) and 2xx (an unusable
    /// success body) are; 4xx answers other than 408 and 429 would be repeated verbatim, so they
    /// are handed straight back.
    /// </summary>
    public static bool IsRetryableInCall(int? statusCode) =>
        statusCode is null or (>= 200 and <= 299) || RuleFor(statusCode.Value) == RefreshStatusRule.TransientRetryable;

    private static RefreshStatusRule RuleFor(int statusCode) =>
        s_statusRules.TryGetValue(statusCode, out RefreshStatusRule rule) ? rule
        : statusCode >= 500 ? RefreshStatusRule.TransientRetryable
        : RefreshStatusRule.TransientFinal;

    private static RefreshFailureKind? TerminalKind(string? code) =>
        code is not null && s_terminalCodes.TryGetValue(code, out RefreshFailureKind kind) ? kind : null;

    private static PermanentRefreshError Permanent(RefreshFailureKind kind) => new(kind, RefreshMessages.For(kind));

    // Contract §3.2: error.message, else the raw body, else "Unknown error". Both server-supplied
    // forms are scrubbed, because servers do echo the submitted token back in error text.
    private static string TransientDetail(RefreshErrorBody parsed, string? body, string sentRefreshToken)
    {
        string? raw = !string.IsNullOrWhiteSpace(parsed.Message) ? parsed.Message : body;
        string scrubbed = string.IsNullOrWhiteSpace(raw) ? string.Empty : ErrorTextScrubber.Scrub(raw, sentRefreshToken);
        return scrubbed.Length == 0 ? "Unknown error" : scrubbed;
    }
}
