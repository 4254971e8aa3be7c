using Microsoft.AspNetCore.Http;

namespace AppServer.DevIssuer.Http;

/// <summary>Plays a scripted <see cref="MockResponse"/>, including the ones that never finish.</summary>
internal static class MockResponseWriter
{
    public static async Task WriteAsync(HttpContext context, MockResponse response, CancellationToken cancellationToken)
    {
        if (response.Delay > TimeSpan.Zero)
        {
            await Task.Delay(response.Delay, cancellationToken).ConfigureAwait(false);
        }

        switch (response.Kind)
        {
            case MockResponseKind.Abort:
                context.Abort();
                return;
            case MockResponseKind.Hang:
                // Ends only by cancellation: the client aborting, or disposal (which resets the connection).
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                return;
        }

        var http = context.Response;
        http.StatusCode = response.StatusCode;
        if (response.ContentType is not null)
        {
            http.ContentType = response.ContentType;
        }

        foreach (var (name, value) in response.Headers)
        {
            http.Headers[name] = value;
        }

        if (response.Kind == MockResponseKind.HangAfterHeaders)
        {
            await http.StartAsync(cancellationToken).ConfigureAwait(false);
            await http.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            return;
        }

        await http.WriteAsync(response.Body, cancellationToken).ConfigureAwait(false);
    }
}
