using System.Net;

namespace AppServer.Testing;

/// <summary>Plays the user's browser: follows each redirect by hand so every hop can be asserted.</summary>
internal sealed class BrowserDriver : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
    {
        // A hung login server fails the test instead of stalling it.
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Opens the authorize URL; the auto-approving issuer answers 302 to the callback.</summary>
    public async Task<Uri> AuthorizeAsync(string authUrl)
    {
        using HttpResponseMessage response = await _http.GetAsync(new Uri(authUrl));
        response.StatusCode.Should().Be(HttpStatusCode.Found);
        return response.Headers.Location!;
    }

    public Task<HttpResponseMessage> GetAsync(Uri url) => _http.GetAsync(url);

    public Task<HttpResponseMessage> GetAsync(string url) => _http.GetAsync(new Uri(url));

    /// <summary>The whole happy path: authorize, callback, success page. Returns the callback URL and the success URL.</summary>
    public async Task<(Uri Callback, Uri Success)> SignInAsync(string authUrl)
    {
        Uri callback = await AuthorizeAsync(authUrl);
        using HttpResponseMessage redirect = await GetAsync(callback);
        redirect.StatusCode.Should().Be(HttpStatusCode.Found);
        Uri success = redirect.Headers.Location!;
        using HttpResponseMessage page = await GetAsync(success);
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        // The success page heading of docs/codex-compatibility.md §8.1.
        (await page.Content.ReadAsStringAsync()).Should().Contain("Signed in to Codex");
        return (callback, success);
    }

    /// <summary>A callback URL on the login's port with exactly <paramref name="query"/>.</summary>
    public static string Callback(int port, string query) => $"http://127.0.0.1:{port}/auth/callback?{query}";

    /// <summary>A query parameter of <paramref name="url"/>, decoded.</summary>
    public static string Query(string url, string name) => System.Web.HttpUtility.ParseQueryString(new Uri(url).Query)[name]!;

    public void Dispose() => _http.Dispose();
}
