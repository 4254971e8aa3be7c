using System.Collections.Concurrent;
using AppServer.Auth.Login;

namespace AppServer.Auth.Tests.Login.Support;

/// <summary>Collects <see cref="LoginCoordinator.Completed"/> events and lets a test await one by login id.</summary>
internal sealed class CompletionRecorder
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<LoginCompletion>> _completions = new();

    public CompletionRecorder(LoginCoordinator coordinator) =>
        coordinator.Completed += completion =>
        {
            if (!Source(completion.LoginId).TrySetResult(completion))
            {
                throw new InvalidOperationException("A login completed twice.");
            }
        };

    public Task<LoginCompletion> WaitForAsync(Guid loginId) => Source(loginId).Task.WaitAsync(LoginFixture.HangGuard);

    private TaskCompletionSource<LoginCompletion> Source(Guid loginId) =>
        _completions.GetOrAdd(loginId, static _ => new TaskCompletionSource<LoginCompletion>(TaskCreationOptions.RunContinuationsAsynchronously));
}
