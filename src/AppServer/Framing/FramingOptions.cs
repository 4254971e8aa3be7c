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

    /// <summary>How long reading may pause for a pending slot before requests are shed with -32001.</summary>
    public TimeSpan OverloadWait { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>JSON (lines or Content-Length, detected) or MessagePack (length-prefixed).</summary>
    public WireEncoding Encoding { get; init; } = WireEncoding.Json;

    /// <summary>The clock of the <c>emittedAtMs</c> stamp on outgoing notifications.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>How long end-of-input waits for pending responses (a refresh has its own 30 s timeout).</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(35);
}
