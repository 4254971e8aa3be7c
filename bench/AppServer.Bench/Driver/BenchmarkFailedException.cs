namespace AppServer.Bench.Driver;

/// <summary>A server could not be measured (it did not start, answer, or stay alive).</summary>
internal sealed class BenchmarkFailedException(string message) : Exception(message);
