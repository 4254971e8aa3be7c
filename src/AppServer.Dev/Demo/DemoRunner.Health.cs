using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AppServer.DevIssuer;

namespace AppServer.Dev.Demo;

/// <summary>
/// The demo steps of a token the API refused (the 401 → <c>rejectedAuthToken</c> loop across two
/// windows) and of the health push reaching a second window unasked.
/// </summary>
internal sealed partial class DemoRunner
{
    private static readonly TimeSpan s_pushTimeout = TimeSpan.FromSeconds(20);

    private async Task RejectedTokenAndHealthPushAsync(string home)
    {
        _issuer.SetRefreshMode(RefreshMode.Rotate);
        WriteAuthJson(home, _issuer.IssueCredentials(email: "windows@example.com"));
        await using var windowA = await StartAsync(home, quiet: true);
        await using var windowB = await StartAsync(home, quiet: true);
        using var api = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var token = await RejectedTokenAsync(windowA, windowB, api);
        await HealthPushAsync(windowA, windowB, token);
    }

    private async Task<string?> RejectedTokenAsync(ChildServer windowA, ChildServer windowB, HttpClient api)
    {
        var before = Begin("7. The API rejects a token (401): the client names it, the server refreshes for real");
        Note("two IDE windows on one CODEX_HOME; a refresh a moment ago would make refreshToken:true answer the same token");
        var first = Text(Result(await windowA.RequestAsync("getAuthStatus", new JsonObject { ["includeToken"] = true, ["refreshToken"] = true }, quiet: true)), "authToken") ?? string.Empty;
        Note($"window A's client calls the API with {Masking.Mask(first)}: {(int)await CallApiAsync(api, first)}");
        _issuer.RejectAccessToken(first);
        Note($"the API now refuses it: {(int)await CallApiAsync(api, first)}; window A's client reports it");
        var startCalls = Calls(before);
        var recovered = Result(await windowA.RequestAsync("getAuthStatus", new JsonObject { ["includeToken"] = true, ["rejectedAuthToken"] = first }));
        var renewed = Text(recovered, "authToken") ?? string.Empty;
        var accepted = await CallApiAsync(api, renewed);
        Note($"window A's client retries with {Masking.Mask(renewed)}: {(int)accepted}");
        Note("window B's client got the same 401 and reports the same token");
        var fromB = Text(Result(await windowB.RequestAsync("getAuthStatus", new JsonObject { ["includeToken"] = true, ["rejectedAuthToken"] = first })), "authToken");
        End(before, "a first refresh, then one more for the rejected token across both windows; the API accepts the new one",
            renewed.Length > 0 && renewed != first && accepted == HttpStatusCode.OK && fromB == renewed && Calls(before) - startCalls == 1);
        return renewed;
    }

    private async Task HealthPushAsync(ChildServer windowA, ChildServer windowB, string? token)
    {
        var before = Begin("8. A permanent failure in window A reaches window B without a request");
        _issuer.SetRefreshMode(RefreshMode.PermanentFailure, "refresh_token_expired");
        Note("the issuer now refuses the refresh token; window A's client reports its token rejected again");
        var seenBefore = windowB.Notifications.Count;
        await windowA.RequestAsync("getAuthStatus", new JsonObject { ["includeToken"] = true, ["rejectedAuthToken"] = token ?? string.Empty });
        var clock = Stopwatch.StartNew();
        JsonObject? pushed = null;
        while (pushed is null && clock.Elapsed < s_pushTimeout)
        {
            pushed = windowB.Notifications.Skip(seenBefore).FirstOrDefault(n => Text(n, "method") == "account/authHealth/changed");
            await Task.Delay(10);
        }

        var health = pushed?["params"] as JsonObject;
        Note(pushed is null
            ? "window B heard nothing"
            : $"window B was told, unasked, {clock.ElapsedMilliseconds} ms later: account/authHealth/changed {{state: {Text(health!, "state")}, reason: {Text(health!, "reason")}}}");
        End(before, "one call (the failing refresh); window B's clients learn needsLogin by push",
            health is not null && Text(health, "state") == "needsLogin" && Text(health, "reason") == "expired" && Calls(before) == 1);
    }

    private async Task<HttpStatusCode> CallApiAsync(HttpClient api, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _issuer.ApiEndpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await api.SendAsync(request);
        return response.StatusCode;
    }
}
