namespace AppServer.DevIssuer.State;

/// <summary>Everything the HTTP handlers and the <see cref="MockIssuer"/> facade share.</summary>
internal sealed class IssuerState
{
    private RefreshModeSettings _mode = RefreshModeSettings.Default;
    private RequestGate? _gate;

    public IssuerState(MockIssuerOptions options, CancellationToken stopping)
    {
        Options = options;
        Stopping = stopping;
        Grants = new GrantStore(options.TimeProvider, options.AccessTokenLifetime);
    }

    public MockIssuerOptions Options { get; }

    public TimeProvider Clock => Options.TimeProvider;

    /// <summary>Cancelled when the issuer is disposed; every wait inside a request observes it.</summary>
    public CancellationToken Stopping { get; }

    public GrantStore Grants { get; }

    public AuthorizationCodeStore Codes { get; } = new();

    public DeviceAuthStore Devices { get; } = new();

    public RequestJournal Journal { get; } = new();

    public ScriptQueue Scripts { get; } = new();

    public RejectedTokens Rejected { get; } = new();

    /// <summary>Refresh requests by their <c>refresh_reason</c> (<c>none</c> when absent).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, int> RefreshReasons { get; } = new(StringComparer.Ordinal);

    public RefreshModeSettings Mode
    {
        get => Volatile.Read(ref _mode);
        set => Volatile.Write(ref _mode, value);
    }

    /// <summary>The closed gate, or null when refreshes flow freely.</summary>
    public RequestGate? CurrentGate => Volatile.Read(ref _gate);

    /// <summary>Closes the gate, or returns the one already closed so two holders share it.</summary>
    public RequestGate HoldRefreshes()
    {
        while (true)
        {
            if (CurrentGate is { } existing)
            {
                return existing;
            }

            var gate = new RequestGate(released => Interlocked.CompareExchange(ref _gate, null, released));
            if (Interlocked.CompareExchange(ref _gate, gate, null) is null)
            {
                return gate;
            }
        }
    }

    public void ReleaseRefreshes() => CurrentGate?.Release();

    public bool AcceptsClient(string? clientId) =>
        Options.RequiredClientId is not { } required || string.Equals(clientId, required, StringComparison.Ordinal);
}
