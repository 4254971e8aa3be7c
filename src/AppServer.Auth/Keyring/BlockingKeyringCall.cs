namespace AppServer.Auth.Keyring;

/// <summary>
/// Runs a blocking native keyring call with a deadline. A native API that waits (for a dialog, a
/// stuck daemon) cannot be cancelled, so on timeout its thread is abandoned and the caller is told;
/// the credential store's caller is never held longer than the bound.
/// </summary>
internal static class BlockingKeyringCall
{
    /// <summary>The bound on one native keyring call, as for the Secret Service.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    public static T Run<T>(string keyringName, Func<T> call, TimeSpan timeout)
    {
        Task<T> task = Task.Factory.StartNew(call, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            return task.WaitAsync(timeout).GetAwaiter().GetResult();
        }
        catch (TimeoutException)
        {
            throw new KeyringException($"the {keyringName} did not answer within {timeout.TotalSeconds:0.#} s");
        }
    }
}
