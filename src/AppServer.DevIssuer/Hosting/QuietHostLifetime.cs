using Microsoft.Extensions.Hosting;

namespace AppServer.DevIssuer.Hosting;

/// <summary>
/// Replaces the default console lifetime, which would hook Ctrl+C and SIGTERM and stop the issuer
/// behind the embedding process's back. The owner stops the issuer by disposing it.
/// </summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
