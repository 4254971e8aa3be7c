using System.Globalization;
using System.Text.Json.Nodes;
using AppServer.DevIssuer;

namespace AppServer.Dev.Demo;

/// <summary>
/// <c>appserver-dev demo</c>: a loopback mock issuer in this process, real servers spawned over stdio
/// in temporary homes, and the product's promises shown one step at a time: what the client sent,
/// what it saw (tokens masked) and how many times <c>/oauth/token</c> was called.
/// </summary>
internal sealed partial class DemoRunner(TextWriter output, bool decorate)
{
    private readonly List<DemoStep> _steps = [];
    private MockIssuer _issuer = null!;

    public async Task<int> RunAsync()
    {
        _issuer = await MockIssuer.StartAsync();
        var homeA = Directory.CreateTempSubdirectory("appserver-demo-").FullName;
        var homeB = Directory.CreateTempSubdirectory("appserver-demo-").FullName;
        try
        {
            Heading("AppServer demo — offline: a mock issuer on 127.0.0.1, real servers over stdio");
            output.WriteLine($"mock issuer: {_issuer.Issuer}    CODEX_HOME: {homeA}");
            await using (var server = await StartAsync(homeA))
            {
                await ApiKeyLoginAsync(server);
                await RotationAsync(server, homeA);
                await PermanentFailureAsync(server, homeA);
                await PollBurstAsync(server);
                await TwoServersAsync(homeB);
                await NewLoginClearsPoisonAsync(server);
            }

            await RejectedTokenAndHealthPushAsync(homeB);

            return Summarize();
        }
        finally
        {
            await _issuer.DisposeAsync();
            Directory.Delete(homeA, recursive: true);
            Directory.Delete(homeB, recursive: true);
        }
    }

    private async Task<ChildServer> StartAsync(string home, bool quiet = false)
    {
        var server = ChildServer.Start(home, _issuer.TokenEndpoint, quiet ? (_, _) => { } : Print);
        await server.RequestAsync("initialize", new JsonObject { ["clientInfo"] = new JsonObject { ["name"] = "appserver-demo", ["version"] = AppServices.Version } }, quiet: true);
        return server;
    }

    private async Task ApiKeyLoginAsync(ChildServer server)
    {
        var before = Begin("1. API-key login");
        await server.RequestAsync("account/login/start", new JsonObject { ["type"] = "apiKey", ["apiKey"] = "sk-demo-0123456789abcdef" });
        // login/completed, account/updated, authStatusChange, account/authHealth/changed (loggedOut → ok).
        await server.WaitForNotificationsAsync(4);
        var status = Result(await server.RequestAsync("getAuthStatus", new JsonObject { ["includeToken"] = true, ["refreshToken"] = true }));
        End(before, "login/completed then account/updated; the key is returned; no token call",
            Text(status, "authMethod") == "apikey" && Text(status, "authToken") == "sk-demo-0123456789abcdef" && Calls(before) == 0);
    }

    private async Task RotationAsync(ChildServer server, string home)
    {
        var before = Begin("2. A ChatGPT credential whose refresh rotates");
        var credentials = _issuer.IssueCredentials(email: "rotating@example.com", accessTokenExpired: true);
        await WriteAuthJsonAsync(server, home, credentials, "rotating@example.com", "another process writes ChatGPT credentials whose access token has expired");
        var status = Result(await server.RequestAsync("getAuthStatus", new JsonObject { ["includeToken"] = true, ["refreshToken"] = true }));
        var onDisk = JsonNode.Parse(File.ReadAllText(Path.Combine(home, "auth.json")))!["tokens"]!["refresh_token"]!.GetValue<string>();
        Note($"auth.json now holds a rotated refresh token ({Masking.Mask(onDisk)}, was {Masking.Mask(credentials.RefreshToken)})");
        End(before, "one refresh; a new access token; the rotated tokens saved",
            Text(status, "authToken") is { } token && token != credentials.AccessToken && onDisk != credentials.RefreshToken && Calls(before) == 1);
    }

    private async Task PermanentFailureAsync(ChildServer server, string home)
    {
        var before = Begin("3. A refresh that fails permanently");
        _issuer.SetRefreshMode(RefreshMode.PermanentFailure, "refresh_token_reused");
        Note("the issuer now answers 401 refresh_token_reused (the token was spent elsewhere)");
        await WriteAuthJsonAsync(server, home, _issuer.IssueCredentials(email: "dead@example.com"), "dead@example.com", "another process writes new ChatGPT credentials");
        var status = Result(await server.RequestAsync("getAuthStatus", new JsonObject { ["includeToken"] = true, ["refreshToken"] = true }));
        Note("the credential is now poisoned: the server has recorded that this refresh token failed for good, so no poll, restart or other server sends it to /oauth/token again until a new login replaces it");
        End(before, "one call; authToken null; refreshFailure.reason exhausted",
            status["authToken"] is null && status["refreshFailure"]?["reason"]?.GetValue<string>() == "exhausted" && Calls(before) == 1);
    }

    private async Task PollBurstAsync(ChildServer server)
    {
        var before = Begin("4. 100 status polls on the dead credential");
        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ =>
            server.RequestAsync("getAuthStatus", new JsonObject { ["includeToken"] = true, ["refreshToken"] = true }, quiet: true)));
        var tokenless = answers.Count(a => Result(a)["authToken"] is null && Text(Result(a), "authMethod") == "chatgpt");
        Note($"→ 100 × getAuthStatus {{includeToken: true, refreshToken: true}}");
        Note($"← {tokenless} of 100 answered {{authMethod: chatgpt, authToken: null, refreshFailure: exhausted}}");
        End(before, "every answer without a token; no call at all", tokenless == 100 && Calls(before) == 0);
    }

    private async Task TwoServersAsync(string home)
    {
        var before = Begin("5. Two server processes refreshing at once (one CODEX_HOME)");
        _issuer.SetRefreshMode(RefreshMode.Rotate);
        var credentials = _issuer.IssueCredentials();
        WriteAuthJson(home, credentials);
        Note("two IDE windows: two servers on the same auth.json, both asked to refresh while the issuer holds the first request");
        await using var first = await StartAsync(home, quiet: true);
        await using var second = await StartAsync(home, quiet: true);
        var gate = _issuer.HoldRefreshes();
        var refresh = new JsonObject { ["includeToken"] = true, ["refreshToken"] = true };
        var answers = new[] { first.RequestAsync("getAuthStatus", refresh, quiet: true), second.RequestAsync("getAuthStatus", (JsonObject)refresh.DeepClone(), quiet: true) };
        await _issuer.WaitForRefreshRequestsAsync(before + 1, TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        gate.Release();
        var tokens = (await Task.WhenAll(answers)).Select(a => Text(Result(a), "authToken")).ToList();
        Note($"← server 1: authToken {Masking.Mask(tokens[0] ?? string.Empty)}");
        Note($"← server 2: authToken {Masking.Mask(tokens[1] ?? string.Empty)}");
        End(before, "one call machine-wide; both servers answer with the same new token",
            tokens[0] is not null && tokens[0] == tokens[1] && tokens[0] != credentials.AccessToken && Calls(before) == 1);
    }

    private async Task NewLoginClearsPoisonAsync(ChildServer server)
    {
        var before = Begin("6. A new login clears the poison");
        await server.RequestAsync("account/login/start", new JsonObject { ["type"] = "apiKey", ["apiKey"] = "sk-demo-fresh-login-0001" });
        var status = Result(await server.RequestAsync("getAuthStatus", new JsonObject { ["includeToken"] = true, ["refreshToken"] = true }));
        End(before, "the new credentials are served at once; no call",
            Text(status, "authMethod") == "apikey" && status["refreshFailure"] is null && Calls(before) == 0);
    }

    private static readonly TimeSpan s_adoptTimeout = TimeSpan.FromSeconds(30);

    private async Task WriteAuthJsonAsync(ChildServer server, string home, IssuedCredentials credentials, string email, string what)
    {
        Note(what);
        WriteAuthJson(home, credentials);

        // The server's file watcher adopts the file and announces it (account/updated, then
        // authStatusChange). Notifications alone are ambiguous (an earlier change may still be on
        // its way), so wait until account/read, which never refreshes, shows the new account.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < s_adoptTimeout)
        {
            var account = Result(await server.RequestAsync("account/read", new JsonObject(), quiet: true));
            if (account["account"]?["email"]?.GetValue<string>() == email)
            {
                return;
            }

            await Task.Delay(20);
        }
    }

    private static void WriteAuthJson(string home, IssuedCredentials credentials)
    {
        var json = new JsonObject
        {
            ["auth_mode"] = "chatgpt",
            ["OPENAI_API_KEY"] = null,
            ["tokens"] = new JsonObject
            {
                ["id_token"] = credentials.IdToken,
                ["access_token"] = credentials.AccessToken,
                ["refresh_token"] = credentials.RefreshToken,
                ["account_id"] = credentials.AccountId,
            },
            ["last_refresh"] = DateTimeOffset.UtcNow.AddDays(-1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        var temp = Path.Combine(home, $".demo-{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temp, json.ToJsonString());
        File.Move(temp, Path.Combine(home, "auth.json"), overwrite: true);
    }

    private int Begin(string title)
    {
        output.WriteLine();
        Heading(title);
        return _issuer.RefreshRequestCount;
    }

    private void End(int before, string expectation, bool held)
    {
        var calls = Calls(before);
        _steps.Add(new DemoStep(_currentTitle, expectation, held, calls));
        var mark = held ? Color("✓", "32") : Color("✗", "31");
        output.WriteLine($"   {mark} expected: {expectation}   (/oauth/token calls in this step: {calls})");
    }

    private int Calls(int before) => _issuer.RefreshRequestCount - before;

    private string _currentTitle = string.Empty;

    private void Heading(string text)
    {
        _currentTitle = text;
        output.WriteLine(Color(text, "1"));
    }

    private void Note(string text) => output.WriteLine($"   {Color(text, "2")}");

    private void Print(string direction, JsonObject message) => output.WriteLine($"   {direction} {Masking.Render(message)}");

    private int Summarize()
    {
        output.WriteLine();
        Heading("Summary");
        foreach (var step in _steps)
        {
            output.WriteLine($"   {(step.Held ? "PASS" : "FAIL")}  {step.Title,-62} /oauth/token calls: {step.TokenCalls}");
        }

        var failures = _steps.Count(s => !s.Held);
        output.WriteLine($"   total /oauth/token calls: {_issuer.RefreshRequestCount} (the dead credential of step 3 was sent once, then never again)");
        output.WriteLine(failures == 0
            ? Color($"   all {_steps.Count} expectations held", "32")
            : Color($"   {failures} of {_steps.Count} expectations did not hold", "31"));
        return failures == 0 ? 0 : 1;
    }

    private string Color(string text, string code) => decorate ? $"\u001b[{code}m{text}\u001b[0m" : text;

    private static JsonObject Result(JsonObject response) =>
        response["result"] as JsonObject ?? throw new InvalidOperationException($"The server answered with an error: {response["error"]?.ToJsonString()}");

    private static string? Text(JsonObject node, string member) =>
        node[member] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
