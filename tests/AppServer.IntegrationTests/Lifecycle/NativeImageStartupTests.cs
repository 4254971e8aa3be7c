using System.Globalization;
using System.Text.RegularExpressions;
using AppServer.IntegrationTests.Infrastructure;
using AppServer.Testing;

namespace AppServer.IntegrationTests.Lifecycle;

/// <summary>
/// The Linux NativeAOT binary adjusts its start-up memory (src/AppServer/NativeImage): the
/// runtime's type-data destination is populated before <c>main</c>, and the dehydrated source is
/// released once <c>Main</c> runs. Its debug line says how much each step did; a build without the
/// native part (JIT, another OS) says nothing.
/// </summary>
public sealed partial class NativeImageStartupTests : IDisposable
{
    private static readonly TimeSpan s_exitTimeout = TimeSpan.FromSeconds(20);
    private readonly TempCodexHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Start_AtDebugLogLevel_ReportsBothStepsOnlyForTheLinuxNativeBinary()
    {
        await using var server = ServerProcess.Start(_home.Path, arguments: ["--log-level", "debug"]);
        await server.Client.InitializeAsync();
        await server.Client.CloseInputAsync();
        (await server.WaitForExitAsync(s_exitTimeout)).Should().Be(0);

        var line = StartupLine().Match(server.Stderr);
        if (AppServerExecutable.IsNative && OperatingSystem.IsLinux())
        {
            line.Success.Should().BeTrue(server.Stderr);
            // The expanded type data is megabytes, and so is most of its source: a step that found
            // nothing, or whose madvise failed, reports 0.
            KiB(line, "populated").Should().BeGreaterThan(1024);
            KiB(line, "released").Should().BeGreaterThan(512);
        }
        else
        {
            server.Stderr.Should().NotContain("Native image:");
        }
    }

    private static long KiB(Match line, string group) => long.Parse(line.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Native image: (?<populated>\d+) KiB of type data populated before start, (?<released>\d+) KiB of start-up data released")]
    private static partial Regex StartupLine();
}
