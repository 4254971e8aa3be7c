using System.Diagnostics.CodeAnalysis;

namespace AppServer.DevIssuer.Http;

/// <summary>The wire names of <see cref="RefreshMode"/> on the admin API and the CLI.</summary>
internal static class RefreshModeNames
{
    public static string ToWire(RefreshMode mode) => mode switch
    {
        RefreshMode.Rotate => "rotate",
        RefreshMode.PermanentFailure => "permanent",
        RefreshMode.Transient => "transient",
        RefreshMode.RateLimited => "rate_limited",
        RefreshMode.Slow => "slow",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static bool TryParse(string? name, [NotNullWhen(true)] out RefreshMode? mode)
    {
        mode = name switch
        {
            "rotate" => RefreshMode.Rotate,
            "permanent" => RefreshMode.PermanentFailure,
            "transient" => RefreshMode.Transient,
            "rate_limited" => RefreshMode.RateLimited,
            "slow" => RefreshMode.Slow,
            _ => null,
        };
        return mode is not null;
    }
}
