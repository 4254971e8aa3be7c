namespace AppServer.Framing;

/// <summary>Limits and wire format of the framing layer (documented in the README's configuration table).</summary>
internal sealed record FramingOptions
{
    public const int DefaultMaxMessageBytes = 16 * 1024 * 1024;

    public const int DefaultMaxPendingRequests = 128;

    /// <summary>Largest frame accepted; a bigger one is refused with -32600 without being buffered whole.</summary>
    public int MaxMessageBytes { get; init; } = DefaultMaxMessageBytes;

    /// <summary>
    /// Requests read but not yet answered. When that many are pending, reading pauses (for up to
    /// <see cref="OverloadWait"/>) until one is answered, so a pipelined burst is served in full
    /// while a client that writes faster than the server answers cannot grow its memory without
    /// bound. If no slot frees in time, requests are answered at once with -32001 "Server
    /// overloaded; retry later." until one does, and reading goes on, so a <c>$/cancelRequest</c>
    /// or a reply to a server request is never stuck behind requests that cannot finish.
    /// </summary>
    public int MaxPendingRequests { get; init; } = DefaultMaxPendingRequests;

    /// <summary>
    /// Requests that have given up their slot because they only wait for work shared with others
    /// (every caller of one refresh in flight joins it): they cost their own small state, not work,
    /// so they do not count against <see cref="MaxPendingRequests"/>; they are bounded here instead,
    /// and by <see cref="MaxParkedBytes"/>. A request that finds these full keeps its slot.
    /// </summary>
    public int MaxParkedRequests { get; init; } = 4096;

    /// <summary>Total size of the frames parked requests came in (their params stay in memory while they wait).</summary>
    public long MaxParkedBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>How long reading may pause for a pending slot before requests are shed with -32001.</summary>
    public TimeSpan OverloadWait { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>JSON (lines or Content-Length, detected) or MessagePack (length-prefixed).</summary>
    public WireEncoding Encoding { get; init; } = WireEncoding.Json;

    /// <summary>The clock of the <c>emittedAtMs</c> stamp on outgoing notifications.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>How long end-of-input waits for pending responses (a refresh has its own 30 s timeout).</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(35);

    /// <summary>
    /// How long end-of-input then waits for the notifications those responses caused (a login's
    /// <c>account/login/completed</c>, <c>account/updated</c>) to be written before the connection ends.
    /// </summary>
    public TimeSpan FlushTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
