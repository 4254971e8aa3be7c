namespace AppServer.Auth.Storage;

/// <summary>
/// Reports an unusable credential file once per distinct state (reason, size, modification time),
/// so a client polling a broken file does not fill the log; a file that is fixed and later breaks
/// the same way is a new event and is reported again (docs/failure-modes.md §3.5). Thread-safe.
/// </summary>
internal sealed class CorruptFileReports(Action<string> report)
{
    private readonly Lock _gate = new();
    private (string Reason, long Length, DateTime LastWriteUtc)? _last;

    /// <summary>Notes what a load found: <paramref name="report"/> runs for a corrupt state not yet reported.</summary>
    public void Observe(AuthLoadResult result, long length, DateTime lastWriteUtc)
    {
        (string, long, DateTime)? state = result is AuthLoadResult.Corrupt corrupt ? (corrupt.Reason, length, lastWriteUtc) : null;
        lock (_gate)
        {
            if (_last == state)
            {
                return;
            }

            _last = state;
        }

        if (state is { } reported)
        {
            report(reported.Item1);
        }
    }
}
