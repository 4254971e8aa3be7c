namespace AppServer.Framing;

/// <summary>Limits of the framing layer (documented in the README's configuration table).</summary>
internal sealed record FramingOptions
{
    public const int DefaultMaxMessageBytes = 16 * 1024 * 1024;

    /// <summary>Largest frame accepted; a bigger one is refused with -32600 without being buffered whole.</summary>
    public int MaxMessageBytes { get; init; } = DefaultMaxMessageBytes;

    /// <summary>How long end-of-input waits for pending responses (a refresh has its own 30 s timeout).</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(35);
}
