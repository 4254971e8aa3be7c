using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using AppServer.Auth.Refresh;

namespace AppServer.Auth.Login;

/// <summary>Sends one request to the issuer under its own deadline and reads a bounded body.</summary>
internal static class IssuerHttp
{
    /// <summary>
    /// Network failures and the deadline come back as <see cref="IssuerResponse.NetworkError"/>;
    /// cancellation through <paramref name="cancellationToken"/> throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task<IssuerResponse> SendAsync(
        HttpClient httpClient,
        HttpRequestMessage request,
        string endpointName,
        TimeSpan timeout,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            // Headers first, then a bounded body read under the same deadline, so a server that
            // stalls after the headers times out like one that never answers.
            using HttpResponseMessage response = await httpClient
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token)
                .ConfigureAwait(false);
            (string body, bool truncated) = await BoundedContentReader.ReadAsync(response.Content, linked.Token).ConfigureAwait(false);
            return new IssuerResponse((int)response.StatusCode, body, truncated, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new IssuerResponse(0, string.Empty, false, LoginNetworkMessages.Timeout(endpointName, timeout));
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or SocketException)
        {
            return new IssuerResponse(0, string.Empty, false, LoginNetworkMessages.For(endpointName, exception));
        }
    }

    /// <summary>A POST with a compact JSON body, <c>Content-Type: application/json</c> exactly.</summary>
    public static HttpRequestMessage PostJson(Uri endpoint, JsonObject body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
    }

    public static HttpRequestMessage PostForm(Uri endpoint, HttpContent form) =>
        new(HttpMethod.Post, endpoint) { Content = form };
}
