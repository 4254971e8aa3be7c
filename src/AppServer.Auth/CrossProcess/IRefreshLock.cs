namespace AppServer.Auth.CrossProcess;

/// <summary>A machine-wide lock held across re-read → POST → write of one refresh.</summary>
internal interface IRefreshLock
{
    /// <summary>Waits up to <paramref name="timeout"/>; null when another holder kept it that long.</summary>
    Task<IDisposable?> TryAcquireAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
