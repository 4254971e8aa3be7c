using System.Text.Json;
using System.Text.Json.Nodes;
using AppServer.Auth.Refresh;
using AppServer.DevIssuer;
using AppServer.Testing;
using AppServer.Tests.Infrastructure;

namespace AppServer.Tests.Protocol;

/// <summary>
/// Replays a <see cref="Transcript"/> against a real in-process server on a temp CODEX_HOME, with the
/// loopback mock issuer as token endpoint. Directives before the first message prepare the home;
/// later ones change it while the server runs (which is how live reload is shown).
/// </summary>
/// <remarks>
/// Directives: <c>! auth chatgpt email=E plan=P</c> (binds <c>accessToken</c>), <c>! auth apikey KEY</c>,
/// <c>! auth none</c>, <c>! issuer refresh=revoked|expired|exhausted|transient</c>. <c>codexHome</c> is bound
/// from the start. A directive a transcript needs that is not here yet goes in <see cref="ApplyAsync"/>.
/// <para>
/// Responses are matched in the order they were sent, and so are notifications, but not one against
/// the other: a notification caused by a request is queued while the request runs and may reach the
/// wire just before or just after its response.
/// </para>
/// </remarks>
internal sealed class TranscriptRunner : IAsyncDisposable
{
    private static readonly TimeSpan s_lineTimeout = TimeSpan.FromSeconds(20);

    private readonly TempCodexHome _home = new();
    private readonly Dictionary<string, string> _bindings = new(StringComparer.Ordinal);
    private MockIssuer? _issuer;
    private InProcessServer? _server;
    private readonly HashSet<int> _consumed = [];

    private MockIssuer Issuer => _issuer!;

    // The server starts at the first line sent, so directives before it describe the starting state.
    private InProcessServer Server => _server ??= StartServer();

    public async Task RunAsync(Transcript transcript)
    {
        _issuer = await MockIssuer.StartAsync();
        foreach (var line in transcript.Lines)
        {
            var where = $"{transcript.Name}{Transcript.Extension}:{line.Number}";
            switch (line.Kind)
            {
                case TranscriptLineKind.Directive:
                    Apply(line.Text, where);
                    break;
                case TranscriptLineKind.Send:
                    await Server.Client.SendLineAsync(JsonPattern.Substitute(line.Text, _bindings));
                    break;
                case TranscriptLineKind.Receive:
                    await ReceiveAsync(line.Text, where);
                    break;
            }
        }

        // Anything the server sent beyond the transcript is a difference too. A short grace period
        // catches a stray notification or a duplicate answer.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var extra = Server.Client.Lines.Where((_, index) => !_consumed.Contains(index)).ToList();
        extra.Should().BeEmpty($"{transcript.Name}{Transcript.Extension} ends, but the server sent more");
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_issuer is not null)
        {
            await _issuer.DisposeAsync();
        }

        _home.Dispose();
    }

    private InProcessServer StartServer()
    {
        var server = InProcessServer.Start(_home.Path, settings => settings with
        {
            Refresh = new TokenRefreshOptions { TokenEndpoint = () => Issuer.TokenEndpoint, BaseBackoff = TimeSpan.FromMilliseconds(5), AttemptTimeout = TimeSpan.FromSeconds(10) },
        });
        _bindings["codexHome"] = server.Services.Settings.Home.Path;
        return server;
    }

    private async Task ReceiveAsync(string expectedText, string where)
    {
        var expected = JsonNode.Parse(expectedText);
        var wantNotification = IsNotification(expected);
        var deadline = DateTime.UtcNow + s_lineTimeout;
        int index;
        while ((index = NextUnconsumed(wantNotification)) < 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{where}: the server sent nothing within {s_lineTimeout.TotalSeconds:0} s; expected {expectedText}");
            }

            await Task.Delay(10);
        }

        _consumed.Add(index);
        var actualText = Server.Client.Lines.ElementAt(index);
        var problem = JsonPattern.Match(expected, JsonNode.Parse(actualText), _bindings);
        problem.Should().BeNull($"{where} expects\n  {expectedText}\nbut the server sent\n  {actualText}");
        // A golden line that passes the comparison must also pass its committed schema.
        Server.Client.ThrowIfAnySchemaViolation();
    }

    private static bool IsNotification(JsonNode? message) =>
        message is JsonObject json && json.ContainsKey("method") && !json.ContainsKey("id");

    /// <summary>The first line not yet matched that is a notification (or a response), or -1.</summary>
    private int NextUnconsumed(bool notification)
    {
        var index = 0;
        foreach (var line in Server.Client.Lines)
        {
            if (!_consumed.Contains(index) && IsNotification(JsonNode.Parse(line)) == notification)
            {
                return index;
            }

            index++;
        }

        return -1;
    }

    private void Apply(string directive, string where)
    {
        var words = directive.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var settings = words.Skip(1).Where(w => w.Contains('=', StringComparison.Ordinal)).ToDictionary(w => w[..w.IndexOf('=', StringComparison.Ordinal)], w => w[(w.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        switch (words)
        {
            case ["auth", "chatgpt", ..]:
                var credentials = Issuer.IssueCredentials(email: settings.GetValueOrDefault("email", "user@example.com"), plan: settings.GetValueOrDefault("plan", "pro"));
                WriteAuthJson(AuthFixtures.ChatGpt(credentials, DateTimeOffset.UtcNow));
                _bindings["accessToken"] = credentials.AccessToken;
                break;
            case ["auth", "apikey", var key]:
                WriteAuthJson(AuthFixtures.ApiKey(key));
                break;
            case ["auth", "none"]:
                File.Delete(_home.AuthFile);
                break;
            case ["issuer", ..] when settings.TryGetValue("refresh", out var transient) && transient == "transient":
                Issuer.SetRefreshMode(RefreshMode.Transient);
                break;
            case ["issuer", ..] when settings.TryGetValue("refresh", out var outcome):
                Issuer.SetRefreshMode(RefreshMode.PermanentFailure, errorCode: outcome switch
                {
                    "revoked" => "refresh_token_invalidated",
                    "expired" => "refresh_token_expired",
                    "exhausted" => "refresh_token_reused",
                    _ => throw new FormatException($"{where}: unknown refresh outcome '{outcome}'"),
                });
                break;
            default:
                throw new FormatException($"{where}: unknown directive '! {directive}'");
        }
    }

    // Atomic, like every real writer of auth.json: the live-reload watcher must never see half a file.
    private void WriteAuthJson(string json)
    {
        var temp = _home.AuthFile + ".tmp";
        File.WriteAllText(temp, json);
        File.Move(temp, _home.AuthFile, overwrite: true);
    }
}
