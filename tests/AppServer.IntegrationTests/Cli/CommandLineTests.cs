using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Web;
using AppServer.DevIssuer;
using AppServer.IntegrationTests.Infrastructure;
using AppServer.Testing;

namespace AppServer.IntegrationTests.Cli;

/// <summary>The command-line verbs of the real executable.</summary>
public sealed class CommandLineTests : IAsyncLifetime
{
    private readonly TempCodexHome _home = new();
    private MockIssuer _issuer = null!;

    private Dictionary<string, string> IssuerEnvironment => new()
    {
        ["CODEX_REFRESH_TOKEN_URL_OVERRIDE"] = _issuer.TokenEndpoint.ToString(),
        ["CODEX_APP_SERVER_LOGIN_ISSUER"] = _issuer.Issuer,
        ["APPSERVER_LOGIN_PORT"] = "0",
    };

    public async Task InitializeAsync() => _issuer = await MockIssuer.StartAsync();

    public async Task DisposeAsync()
    {
        await _issuer.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task Status_NotLoggedIn_SaysSoAndExitsOne()
    {
        var run = await CliRun.ExecAsync(_home.Path, null, null, "status");

        run.ExitCode.Should().Be(1);
        run.Stdout.Should().StartWith("Not logged in");
    }

    [Fact]
    public async Task LoginWithApiKeyFromStdin_ThenStatusJson_ThenLogout()
    {
        var login = await CliRun.ExecAsync(_home.Path, null, "sk-from-stdin-123\n", "login", "--api-key", "-");
        var saved = JsonNode.Parse(_home.ReadAuthJson())!;
        var status = await CliRun.ExecAsync(_home.Path, null, null, "status", "--json");
        var logout = await CliRun.ExecAsync(_home.Path, null, null, "logout");

        login.ExitCode.Should().Be(0, login.Stdout + login.Stderr);
        saved["OPENAI_API_KEY"]!.GetValue<string>().Should().Be("sk-from-stdin-123");
        status.ExitCode.Should().Be(0);
        var report = JsonNode.Parse(status.Stdout)!;
        report["loggedIn"]!.GetValue<bool>().Should().BeTrue();
        report["authMethod"]!.GetValue<string>().Should().Be("apikey");
        status.Stdout.Should().NotContain("sk-from-stdin-123");
        logout.ExitCode.Should().Be(0);
        File.Exists(_home.AuthFile).Should().BeFalse();
    }

    [Fact]
    public async Task StatusRefresh_OnDeadCredentials_ReportsTheFailureWithOneCallAcrossRuns()
    {
        _home.WriteAuthJson(AuthFixtures.ChatGpt(_issuer.IssueCredentials(), DateTimeOffset.UtcNow.AddDays(-1)));
        _issuer.SetRefreshMode(RefreshMode.PermanentFailure, "refresh_token_reused");

        var first = await CliRun.ExecAsync(_home.Path, IssuerEnvironment, null, "status", "--refresh");
        var second = await CliRun.ExecAsync(_home.Path, IssuerEnvironment, null, "status", "--refresh", "--json");

        first.ExitCode.Should().Be(1);
        first.Stdout.Should().Contain("can no longer be refreshed (exhausted)");
        JsonNode.Parse(second.Stdout)!["refreshFailure"]!["reason"]!.GetValue<string>().Should().Be("exhausted");
        _issuer.RefreshRequestCount.Should().Be(1);
    }

    [Fact]
    public async Task LoginDeviceCode_ApprovedOnTheVerificationPage_SavesCredentials()
    {
        await using var running = CliRun.Start(_home.Path, IssuerEnvironment, "login", "--device-code");
        var line = await running.ReadLineContainingAsync("enter this code: ");
        var url = line.Split(' ')[1];
        var code = line[(line.LastIndexOf(' ') + 1)..];
        using var http = new HttpClient();

        var page = await http.GetAsync($"{url}?user_code={Uri.EscapeDataString(code)}");
        var run = await running.WaitAsync();

        page.IsSuccessStatusCode.Should().BeTrue();
        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().Contain("Signed in as user@example.com");
        JsonNode.Parse(_home.ReadAuthJson())!["auth_mode"]!.GetValue<string>().Should().Be("chatgpt");
    }

    [Fact]
    public async Task LoginBrowser_PrintsTheUrl_AndCompletesWhenTheBrowserFinishes()
    {
        await using var running = CliRun.Start(_home.Path, IssuerEnvironment, "login", "--no-browser");
        var url = (await running.ReadLineContainingAsync("/oauth/authorize?")).Trim();
        using var browser = new BrowserDriver();

        await browser.SignInAsync(url);
        var run = await running.WaitAsync();

        HttpUtility.ParseQueryString(new Uri(url).Query)["redirect_uri"].Should().StartWith("http://localhost:");
        run.ExitCode.Should().Be(0, run.Stderr);
        File.Exists(_home.AuthFile).Should().BeTrue();
    }

    [Theory]
    [InlineData("status", "--bogus")]
    [InlineData("login", "--api-key", "x", "--device-code")]
    [InlineData("serve", "--encoding", "yaml")]
    [InlineData("frobnicate")]
    [InlineData("demo")]
    [InlineData("dev-issuer")]
    public async Task BadUsage_OneClearLine_ExitTwo(params string[] arguments)
    {
        var run = await CliRun.ExecAsync(_home.Path, null, null, arguments);

        run.ExitCode.Should().Be(2);
        run.Stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().StartWith("appserver: ");
    }

    [Theory]
    [InlineData("dev-issuer", "--scenario", "nonsense")]
    [InlineData("dev-issuer", "--port", "70000")]
    [InlineData("dev-issuer", "--port", "-1")]
    [InlineData("demo", "--bogus")]
    [InlineData("serve", "--max-message-bytes", "0")]
    [InlineData("frobnicate")]
    public async Task DevBadUsage_OneClearLine_ExitTwo(params string[] arguments)
    {
        var run = await CliRun.ExecDevAsync(_home.Path, null, null, arguments);

        run.ExitCode.Should().Be(2);
        run.Stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().StartWith("appserver-dev: ");
    }

    [Fact]
    public async Task DevIssuer_OnABusyPort_OneClearLine_ExitTwo()
    {
        // The suite's own mock issuer holds this port.
        var run = await CliRun.ExecDevAsync(_home.Path, null, null, "dev-issuer", "--port", _issuer.BaseUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        run.ExitCode.Should().Be(2);
        run.Stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().StartWith("appserver-dev: cannot listen on 127.0.0.1:");
        run.Stderr.Should().NotContain(" at ");
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("status")]
    [InlineData("login")]
    [InlineData("logout")]
    public async Task EveryVerb_HasHelpWithExamples(string verb)
    {
        var run = await CliRun.ExecAsync(_home.Path, null, null, verb, "--help");

        run.ExitCode.Should().Be(0);
        run.Stdout.Should().Contain("Examples:").And.Contain($"appserver {verb}".Replace("appserver serve", "appserver", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("dev-issuer")]
    [InlineData("generate-json-schema")]
    [InlineData("generate-ts")]
    public async Task EveryDevVerb_HasHelpWithExamples(string verb)
    {
        var run = await CliRun.ExecDevAsync(_home.Path, null, null, verb, "--help");

        run.ExitCode.Should().Be(0);
        run.Stdout.Should().Contain("Examples:").And.Contain($"appserver-dev {verb}");
    }

    [Fact]
    public async Task ShippedHelp_ListsNoDeveloperVerbs()
    {
        var run = await CliRun.ExecAsync(_home.Path, null, null, "--help");

        run.ExitCode.Should().Be(0);
        run.Stdout.Should().Contain("status").And.NotContain("demo").And.NotContain("dev-issuer").And.NotContain("generate-");
    }

    [Fact]
    public async Task Version_PrintsTheVersion()
    {
        var run = await CliRun.ExecAsync(_home.Path, null, null, "--version");

        run.ExitCode.Should().Be(0);
        run.Stdout.Trim().Should().MatchRegex(@"^\d+\.\d+\.\d+");
    }

    [Fact]
    public async Task DevIssuer_ServesTheScenarioItWasGiven()
    {
        await using var running = CliRun.StartDev(_home.Path, null, "dev-issuer", "--scenario", "exhausted");
        var line = await running.ReadLineContainingAsync("listening on ");
        var issuer = line[(line.IndexOf("http", StringComparison.Ordinal))..].Split(' ')[0];
        using var http = new HttpClient();

        var response = await http.PostAsync($"{issuer}/oauth/token", JsonContent.Create(new { client_id = "app_EMoamEEZ73f0CkXaXp7hrann", grant_type = "refresh_token", refresh_token = "rt-any" }));
        var stats = JsonNode.Parse(await http.GetStringAsync($"{issuer}/__admin/stats"))!;

        ((int)response.StatusCode).Should().Be(401);
        (await response.Content.ReadAsStringAsync()).Should().Contain("refresh_token_reused");
        stats["refreshRequests"]!.GetValue<int>().Should().Be(1);
    }
}
