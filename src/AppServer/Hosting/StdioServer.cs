using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace AppServer.Hosting;

/// <summary>
/// Serves one JSON-RPC connection on stdin/stdout until the client closes stdin, a SIGTERM or
/// Ctrl+C arrives, or the parent process dies.
/// </summary>
internal sealed partial class StdioServer(AppServices services, ServeOptions options)
{
    private readonly ILogger _logger = services.LoggerFactory.CreateLogger<StdioServer>();

    public async Task<int> RunAsync()
    {
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => RequestStop(context, stop));
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => RequestStop(context, stop));

        await using var connection = services.Connect(Console.OpenStandardOutput(), Console.OpenStandardInput());
        var parentExited = ParentProcessWatchdog.WaitForParentExitAsync(options.ParentPid, stop.Token);
        var stopRequested = Task.Delay(Timeout.Infinite, stop.Token);

        var first = await Task.WhenAny(connection.Completion, parentExited, stopRequested).ConfigureAwait(false);
        var exitCode = ExitCodes.Success;
        if (first == connection.Completion)
        {
            if (connection.Completion.IsFaulted)
            {
                LogConnectionFailed(_logger, connection.Completion.Exception!.GetBaseException().Message);
                exitCode = ExitCodes.ConnectionFailed;
            }
            else
            {
                LogClientClosed(_logger);
            }
        }
        else if (first == parentExited && parentExited.IsCompletedSuccessfully)
        {
            LogParentExited(_logger);
        }
        else
        {
            LogStopSignal(_logger);
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await services.DisposeAsync().ConfigureAwait(false);
        return exitCode;
    }

    private static void RequestStop(PosixSignalContext context, CancellationTokenSource stop)
    {
        // Keep the runtime from terminating at once: the server shuts down in order instead.
        context.Cancel = true;
        stop.Cancel();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Client closed stdin; exiting")]
    private static partial void LogClientClosed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Connection failed: {Reason}")]
    private static partial void LogConnectionFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Parent process exited; shutting down")]
    private static partial void LogParentExited(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stop signal received; shutting down")]
    private static partial void LogStopSignal(ILogger logger);
}
