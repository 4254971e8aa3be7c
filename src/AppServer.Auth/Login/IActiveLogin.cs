namespace AppServer.Auth.Login;

/// <summary>A ChatGPT login in progress (browser or device code), as the coordinator tracks it.</summary>
internal interface IActiveLogin : IAsyncDisposable
{
    Guid LoginId { get; }

    /// <summary>Completes exactly once, when the login ends for any reason; never faults.</summary>
    Task<LoginResult> Completion { get; }

    /// <summary>
    /// Ends the login as not completed, unless it already ended. Once this returns, the login will
    /// not write credentials any more. Safe to call any number of times, from any thread.
    /// </summary>
    void Cancel();
}
