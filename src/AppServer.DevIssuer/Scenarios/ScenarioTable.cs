using System.Diagnostics.CodeAnalysis;

namespace AppServer.DevIssuer.Scenarios;

/// <summary>
/// The one table of scenario names. <c>--scenario</c> and <c>/__admin/mode</c> both read it, so a
/// name that works in one place works in the other; underscores and hyphens are interchangeable
/// because earlier versions spelt <c>rate-limited</c> one way on the command line and the other on
/// the admin API.
/// </summary>
internal static class ScenarioTable
{
    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("rotate", RefreshMode.Rotate, null, [], "refresh tokens rotate; a reused one gets 401 refresh_token_reused"),
        new("permanent", RefreshMode.PermanentFailure, null, [], "every refresh gets 401 with the error code given as \"code\" (default refresh_token_expired)"),
        new("expired", RefreshMode.PermanentFailure, "refresh_token_expired", [], "every refresh gets 401 refresh_token_expired"),
        new("exhausted", RefreshMode.PermanentFailure, "refresh_token_reused", ["reused"], "every refresh gets 401 refresh_token_reused"),
        new("revoked", RefreshMode.PermanentFailure, "refresh_token_invalidated", ["invalidated"], "every refresh gets 401 refresh_token_invalidated"),
        new("other", RefreshMode.PermanentFailure, "unknown_error", [], "every refresh gets 401 with an unknown code"),
        new("transient", RefreshMode.Transient, null, [], "every refresh gets 503"),
        new("rate-limited", RefreshMode.RateLimited, null, ["rate_limited"], "every refresh gets 429 with Retry-After (default 30 s)"),
        new("slow", RefreshMode.Slow, null, [], "every refresh waits (default 5 s), then rotates"),
    ];

    /// <summary>Canonical names, in table order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(static s => s.Name)];

    /// <summary>Every accepted spelling: canonical names, aliases, and each with '_' for '-'.</summary>
    public static IReadOnlyList<string> AcceptedNames { get; } =
        [.. All.SelectMany(static s => s.Aliases.Prepend(s.Name)).SelectMany(static n => new[] { n, n.Replace('-', '_') }).Distinct(StringComparer.Ordinal)];

    /// <summary>The slow scenario's wait when none is given: long enough to stage a collision by hand.</summary>
    public static TimeSpan DefaultSlowDelay { get; } = TimeSpan.FromSeconds(5);

    public static bool TryFind(string? name, [NotNullWhen(true)] out Scenario? scenario)
    {
        scenario = null;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        var normalized = name.Trim().ToLowerInvariant().Replace('_', '-');
        scenario = All.FirstOrDefault(s => s.Name == normalized || s.Aliases.Any(a => a.Replace('_', '-') == normalized));
        return scenario is not null;
    }

    /// <summary>The canonical name of a running mode: <c>permanent</c> for every permanent failure (its code says which).</summary>
    public static string NameOf(RefreshMode mode) =>
        mode == RefreshMode.PermanentFailure ? "permanent" : All.First(s => s.Mode == mode).Name;

    /// <summary>The settings <paramref name="scenario"/> means, with the optional knobs of an admin call.</summary>
    public static RefreshModeSettings Settings(Scenario scenario, string? code = null, int? retryAfterSeconds = null, TimeSpan? delay = null)
    {
        var defaults = RefreshModeSettings.Default;
        return new RefreshModeSettings(
            scenario.Mode,
            scenario.ErrorCode ?? code ?? defaults.ErrorCode,
            retryAfterSeconds ?? defaults.RetryAfterSeconds,
            delay ?? (scenario.Mode == RefreshMode.Slow ? DefaultSlowDelay : defaults.Delay));
    }
}
