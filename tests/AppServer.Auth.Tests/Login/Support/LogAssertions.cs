using AppServer.Auth.Tests.TestSupport;

namespace AppServer.Auth.Tests.Login.Support;

internal static class LogAssertions
{
    /// <summary>No log line contains any of <paramref name="secrets"/> (blank ones are ignored).</summary>
    public static void ShouldNotLeak(IReadOnlyList<LogEntry> entries, params string?[] secrets)
    {
        entries.Should().NotBeEmpty("the flow logs its steps");
        foreach (string secret in secrets.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!))
        {
            entries.Should().NotContain(e => e.Message.Contains(secret, StringComparison.Ordinal), "no log line may carry a secret");
        }
    }
}
