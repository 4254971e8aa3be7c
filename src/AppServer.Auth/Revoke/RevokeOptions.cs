using AppServer.Auth.Refresh;

namespace AppServer.Auth.Revoke;

/// <summary>Settings of <see cref="TokenRevoker"/>. The defaults are the production values.</summary>
internal sealed record RevokeOptions
{
    /// <summary>Replaces the revoke URL outright.</summary>
    public const string RevokeEndpointOverrideVariable = "CODEX_REVOKE_TOKEN_URL_OVERRIDE";

    public const string DefaultRevokeEndpointUrl = "https://auth.openai.com/oauth/revoke";

    /// <summary>The path used on the host of a refresh-token override when no revoke override is set.</summary>
    public const string RevokePath = "/oauth/revoke";

    /// <summary>Read at each revoke, like the refresh override: a running server follows a changed environment.</summary>
    public Func<Uri> Endpoint { get; init; } = static () => ResolveEndpoint(Environment.GetEnvironmentVariable);

    /// <summary>Upper bound for one revoke, connect to last byte: the same 10 s Codex allows.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public Func<string> UserAgent { get; init; } = static () => TokenRefreshOptions.DefaultOriginator;

    public Func<string> Originator { get; init; } = static () => TokenRefreshOptions.DefaultOriginator;

    /// <summary>
    /// The revoke endpoint: the revoke override; else <c>/oauth/revoke</c> on the scheme, host and
    /// port of the refresh override (its path and query dropped), so a mock issuer reached for
    /// refreshes also receives the revoke; else the production URL.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// An override is set but is not an absolute http(s) URL. A token meant for a mock must not go
    /// to the real issuer, so the revoke fails instead of falling back.
    /// </exception>
    public static Uri ResolveEndpoint(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment(RevokeEndpointOverrideVariable) is { } revoke && !string.IsNullOrWhiteSpace(revoke))
        {
            return ParseHttpUrl(revoke, RevokeEndpointOverrideVariable);
        }

        if (environment(TokenRefreshOptions.TokenEndpointOverrideVariable) is { } refresh && !string.IsNullOrWhiteSpace(refresh))
        {
            var builder = new UriBuilder(ParseHttpUrl(refresh, TokenRefreshOptions.TokenEndpointOverrideVariable))
            {
                Path = RevokePath,
                Query = string.Empty,
                Fragment = string.Empty,
            };
            return builder.Uri;
        }

        return new Uri(DefaultRevokeEndpointUrl);
    }

    private static Uri ParseHttpUrl(string value, string variable)
    {
        if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        // The value stays out of the message: an override URL may carry credentials.
        throw new InvalidOperationException($"{variable} is set but is not an absolute http(s) URL.");
    }
}
