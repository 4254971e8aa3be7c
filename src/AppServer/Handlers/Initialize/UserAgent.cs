using System.Runtime.InteropServices;
using AppServer.Protocol;

namespace AppServer.Handlers.Initialize;

/// <summary>
/// The process-wide User-Agent and originator (docs/codex-compatibility.md §6.5): sent in the <c>initialize</c> result
/// and on every token-endpoint call. <c>initialize</c> makes the client's name the originator.
/// </summary>
internal sealed class UserAgent
{
    public const string DefaultOriginator = "codex_cli_rs";
    public const string OriginatorOverrideVariable = "CODEX_INTERNAL_ORIGINATOR_OVERRIDE";

    private readonly string _version;
    private volatile string _originator;
    private volatile string _value;

    public UserAgent(string version)
    {
        _version = version;
        _originator = Environment.GetEnvironmentVariable(OriginatorOverrideVariable) is { Length: > 0 } forced ? forced : DefaultOriginator;
        _value = Build(_originator, suffix: null);
    }

    public string Originator => _originator;

    public string Value => _value;

    public void ApplyClient(ClientInfo client)
    {
        if (Environment.GetEnvironmentVariable(OriginatorOverrideVariable) is not { Length: > 0 })
        {
            _originator = client.Name;
        }

        _value = Build(_originator, $" ({client.Name}; {client.Version})");
    }

    private string Build(string originator, string? suffix)
    {
        var terminal = Environment.GetEnvironmentVariable("TERM_PROGRAM") is { Length: > 0 } program
            ? program
            : Environment.GetEnvironmentVariable("TERM") is { Length: > 0 } term ? term : "unknown";
        var os = $"{Platform.OsName} {Environment.OSVersion.Version}";
        var arch = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        return HeaderValue.Sanitize($"{originator}/{_version} ({os}; {arch}) {terminal}{suffix}");
    }
}
