using System.Diagnostics;

namespace AppServer.Bench.Driver;

/// <summary>
/// (c) The pipelined burst: one task writes every request as fast as the pipe takes them while
/// another reads the answers and counts them by id. The caller's thread watches for a stall: with
/// no answer for 10 s it samples memory, kills the server and reports what was lost.
/// </summary>
internal sealed class BurstRun
{
    private static readonly TimeSpan s_stallLimit = TimeSpan.FromSeconds(10);

    private readonly ServerProcess _server;
    private readonly long _firstId;
    private readonly bool[] _seen;
    private int _answered;
    private int _errors;
    private long _lastAnswerTimestamp;

    private BurstRun(ServerProcess server, long firstId, int count)
    {
        _server = server;
        _firstId = firstId;
        _seen = new bool[count];
    }

    public BurstResult Result { get; private set; } = null!;

    /// <summary>The server's memory after the burst (before the kill, when it stalled).</summary>
    public MemorySample? Memory { get; private set; }

    /// <summary>Why the burst is incomplete, when it is.</summary>
    public string? Incomplete { get; private set; }

    public static BurstRun Run(ServerProcess server, long firstId, int count)
    {
        var run = new BurstRun(server, firstId, count);
        run.Execute(Requests.StatusBatch(firstId, count));
        return run;
    }

    private int Received => Volatile.Read(ref _answered) + Volatile.Read(ref _errors);

    private void Execute(byte[] payload)
    {
        var reader = Task.Factory.StartNew(ReadAnswers, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var start = Stopwatch.GetTimestamp();
        var writer = Task.Factory.StartNew(() => _server.Send(payload), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var stalled = false;
        var lastProgress = Stopwatch.GetTimestamp();
        var lastCount = 0;
        while (!reader.Wait(TimeSpan.FromMilliseconds(50)))
        {
            var count = Received;
            if (count != lastCount)
            {
                lastCount = count;
                lastProgress = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(lastProgress) > s_stallLimit)
            {
                stalled = true;
                Memory = _server.ReadMemory();
                _server.Kill($"no answer came for {s_stallLimit.TotalSeconds:0} s during the burst");
                reader.Wait();
                break;
            }
        }

        if (!stalled)
        {
            Memory = _server.ReadMemory();
        }

        var writeFailure = WaitForWriter(writer);
        var end = Received > 0 ? Volatile.Read(ref _lastAnswerTimestamp) : Stopwatch.GetTimestamp();
        Result = new BurstResult(_seen.Length, _answered, _errors, Stopwatch.GetElapsedTime(start, end));
        if (Result.Lost > 0 || Result.Errors > 0 || writeFailure is not null)
        {
            Incomplete = $"{Result.Lost:N0} of {_seen.Length:N0} burst requests were not answered and {Result.Errors:N0} were answered with an error"
                + (stalled ? $" (no answer for {s_stallLimit.TotalSeconds:0} s, server killed)" : "")
                + (writeFailure is null ? "" : $"; writing failed: {writeFailure}");
        }
    }

    /// <summary>Reads until every id is answered or stdout ends.</summary>
    private void ReadAnswers()
    {
        while (Received < _seen.Length && _server.TryReadAnyResponse(out var response))
        {
            var index = response.Id - _firstId;
            if (index < 0 || index >= _seen.Length || _seen[index])
            {
                continue;
            }

            _seen[index] = true;
            Volatile.Write(ref _lastAnswerTimestamp, Stopwatch.GetTimestamp());
            if (response.IsResult)
            {
                Interlocked.Increment(ref _answered);
            }
            else
            {
                Interlocked.Increment(ref _errors);
            }
        }
    }

    private string? WaitForWriter(Task writer)
    {
        try
        {
            // The reader is done, so the writer is either finished or blocked on a pipe nobody reads.
            if (!writer.Wait(TimeSpan.FromSeconds(5)))
            {
                _server.Kill("the burst writer was still blocked after the reader finished");
                writer.Wait(TimeSpan.FromSeconds(5));
            }

            return null;
        }
        catch (AggregateException e) when (e.InnerException is BenchmarkFailedException failure)
        {
            return failure.Message;
        }
    }
}
