using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace AppServer.Auth.Tests.Refresh.Support;

/// <summary>
/// An in-memory token endpoint: records every request (headers unparsed, body as text) and
/// answers with a scripted sequence; the last answer repeats.
/// </summary>
internal sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly TimeProvider _clock;
    private readonly Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> _respond;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public StubHttpHandler(TimeProvider clock, Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> respond)
    {
        _clock = clock;
        _respond = respond;
    }

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public int RequestCount => _requests.Count;

    /// <summary>Answers the n-th request with the n-th factory, repeating the last one.</summary>
    public static StubHttpHandler Sequence(TimeProvider clock, params Func<HttpResponseMessage>[] responses)
    {
        int next = -1;
        return new StubHttpHandler(clock, (_, _) =>
        {
            int index = Math.Min(Interlocked.Increment(ref next), responses.Length - 1);
            return Task.FromResult(responses[index]());
        });
    }

    public static Func<HttpResponseMessage> Json(HttpStatusCode status, string body, string? retryAfter = null) => () =>
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (retryAfter is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        return response;
    };

    public static Func<HttpResponseMessage> Text(HttpStatusCode status, string body, string mediaType = "text/plain") =>
        () => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    public static Func<HttpResponseMessage> Tokens(string accessToken = "at-new", string? refreshToken = "rt-new", string? idToken = null) =>
        Json(HttpStatusCode.OK, TokenJson(accessToken, refreshToken, idToken));

    public static string TokenJson(string accessToken, string? refreshToken, string? idToken)
    {
        var members = new List<string>();
        if (idToken is not null)
        {
            members.Add($"\"id_token\":\"{idToken}\"");
        }

        members.Add($"\"access_token\":\"{accessToken}\"");
        if (refreshToken is not null)
        {
            members.Add($"\"refresh_token\":\"{refreshToken}\"");
        }

        return "{" + string.Join(",", members) + "}";
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, HeaderStringValues> header in request.Headers.NonValidated)
        {
            headers[header.Key] = header.Value.ToString();
        }

        string body = string.Empty;
        if (request.Content is not null)
        {
            foreach (KeyValuePair<string, HeaderStringValues> header in request.Content.Headers.NonValidated)
            {
                headers[header.Key] = header.Value.ToString();
            }

            body = await request.Content.ReadAsStringAsync(cancellationToken);
        }

        var recorded = new RecordedRequest(request.Method, request.RequestUri!, headers, body, _clock.GetUtcNow());
        _requests.Enqueue(recorded);
        return await _respond(recorded, cancellationToken);
    }
}
