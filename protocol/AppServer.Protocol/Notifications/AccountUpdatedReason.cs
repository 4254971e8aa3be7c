using System.Text.Json.Serialization;

namespace AppServer.Protocol;

/// <summary>Why <c>account/updated</c> was sent, as Codex 0.171 names it.</summary>
public enum AccountUpdatedReason
{
    [JsonStringEnumMemberName("workspaceRoutingReady")]
    WorkspaceRoutingReady,

    /// <summary>The change came from outside this server (another process wrote <c>auth.json</c>).</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,
}
