namespace AppServer.DevIssuer.Scenarios;

/// <summary>
/// One named refresh behaviour: the same name selects it at start (<c>--scenario</c>) and at run
/// time (<c>POST /__admin/mode</c>).
/// </summary>
/// <param name="Name">The canonical name, as help, errors and <c>/__admin/stats</c> print it.</param>
/// <param name="Mode">The behaviour.</param>
/// <param name="ErrorCode">The fixed <c>error.code</c> of a permanent-failure scenario; null lets the request choose.</param>
/// <param name="Aliases">Older spellings still accepted.</param>
/// <param name="Summary">What it does, for help text.</param>
internal sealed record Scenario(string Name, RefreshMode Mode, string? ErrorCode, IReadOnlyList<string> Aliases, string Summary);
