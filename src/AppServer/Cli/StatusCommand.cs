using System.CommandLine;
using System.Text.Json;
using AppServer.Auth;
using AppServer.Auth.Stores;
using AppServer.Handlers;
using AppServer.Protocol;

namespace AppServer.Cli;

/// <summary><c>appserver status</c>: who is logged in, from the same auth.json the server uses.</summary>
internal static class StatusCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON object (never includes a token)." };
        var refresh = new Option<bool>("--refresh") { Description = "Refresh ChatGPT tokens first (at most one token-endpoint call; none after a permanent failure)." };
        var command = new Command("status", """
            Show the signed-in account and its state (--json: "state" is ready, refreshFailed,
            unusable or loggedOut). Exit code 0 when the state is ready, 1 otherwise.

            Examples:
              appserver status
              appserver status --json
              CODEX_HOME=/tmp/home appserver status --refresh
            """);
        command.Options.Add(json);
        command.Options.Add(refresh);
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(json), result.GetValue(refresh), stdout, stderr, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(bool json, bool refresh, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var session = CliSession.Open(stderr);
        if (session is null)
        {
            return Hosting.ExitCodes.ConnectionFailed;
        }

        await using var closeSession = session.ConfigureAwait(false);

        var auth = session.Core.Manager;
        if (refresh)
        {
            await auth.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        var snapshot = auth.Current;
        var poison = auth.PoisonFor(snapshot);
        var record = snapshot.Record;
        var claims = record?.Tokens?.IdClaims;
        var state = record is null ? StatusStates.LoggedOut
            : poison is not null ? StatusStates.RefreshFailed
            : snapshot.BearerToken is { Length: > 0 } ? StatusStates.Ready
            : StatusStates.Unusable;
        var report = new StatusReport(
            State: state,
            LoggedIn: record is not null,
            AuthMethod: snapshot.Mode is { } mode ? JsonSerializer.Serialize(mode.ToWire(), ProtocolJsonContext.Default.AuthMode).Trim('"') : null,
            Email: claims?.Email,
            PlanType: record?.Tokens is null ? null : JsonSerializer.Serialize(WireMapping.ToPlanType(claims?.PlanType), ProtocolJsonContext.Default.PlanType).Trim('"'),
            AccountId: record?.Tokens?.AccountId,
            AccessTokenExpiresAt: snapshot.AccessTokenExpiry,
            LastRefresh: record?.LastRefresh,
            RefreshFailure: poison?.ToWire(),
            CodexHome: session.Home.Path,
            Store: StoreReportOf(session.Core.Stores, record is not null));

        if (json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(report, CliJsonContext.Default.StatusReport));
        }
        else
        {
            stdout.WriteLine(Describe(report));
            stdout.WriteLine(DescribeStore(report.Store!));
        }

        return report.State == StatusStates.Ready ? Hosting.ExitCodes.Success : Hosting.ExitCodes.ConnectionFailed;
    }

    private static StoreReport StoreReportOf(CredentialStoreSelection selection, bool found)
    {
        var mode = selection.ConfiguredMode.ToString().ToLowerInvariant();
        return new StoreReport(mode, selection.Store.Description, found ? selection.Store.FoundIn : null, selection.Note);
    }

    /// <summary>E.g. <c>store: auto (found in the Secret Service)</c>, <c>store: file (/home/u/.codex/auth.json)</c>.</summary>
    private static string DescribeStore(StoreReport store) => store switch
    {
        { FoundIn: { } foundIn } => $"store: {store.Mode} (found in {foundIn})" + (store.Note is { } note ? $"; {note}" : string.Empty),
        { Note: { } note } => $"store: {store.Mode} ({note}; nothing found in {store.Location})",
        _ => $"store: {store.Mode} (nothing found in {store.Location})",
    };

    private static string Describe(StatusReport report) => report switch
    {
        { AuthMethod: null } => $"Not logged in (CODEX_HOME: {report.CodexHome}). Run 'appserver login'.",
        { RefreshFailure: { } failure } => $"Logged in with ChatGPT as {report.Email ?? "(no email)"}, but the tokens can no longer be refreshed ({failure.Reason.ToString().ToLowerInvariant()}): {failure.Message}",
        { State: StatusStates.Unusable } => "Credentials are present but hold no usable token. Run 'appserver login'.",
        { AuthMethod: "apikey" } => "Logged in using an API key.",
        _ => $"Logged in with ChatGPT as {report.Email ?? "(no email)"} (plan {report.PlanType}, account {report.AccountId ?? "unknown"})"
            + (report.AccessTokenExpiresAt is { } exp ? $"; access token valid until {exp:u}" : string.Empty) + ".",
    };
}
