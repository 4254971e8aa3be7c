using System.Net.Http.Headers;

namespace AppServer.Auth.Refresh;

/// <summary>Reads <c>Retry-After</c> as a delay from "now" on the injected clock.</summary>
internal static class RetryAfterParser
{
    /// <summary>
    /// Delta-seconds are taken as is; an HTTP-date is measured from <paramref name="now"/> (the
    /// TimeProvider's clock, so fake-clock tests and the real clock agree) and a date in the past
    /// means "now". An absent or malformed header gives <see langword="null"/>.
    /// </summary>
    public static TimeSpan? Parse(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        RetryConditionHeaderValue? value;
        try
        {
            value = headers.RetryAfter;
        }
        catch (FormatException)
        {
            // A malformed header must not turn into an unhandled failure of the refresh.
            return null;
        }

        return value switch
        {
            { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
            { Date: { } date } => date <= now ? TimeSpan.Zero : date - now,
            _ => null,
        };
    }
}
