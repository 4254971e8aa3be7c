namespace AppServer.Tests.Protocol;

/// <summary>
/// Every golden transcript in protocol/transcripts replays against the real server. Adding a
/// transcript file adds a test case; nothing here lists them.
/// </summary>
public sealed class TranscriptTests
{
    public static TheoryData<string> Transcripts() => [.. Transcript.Names()];

    [Theory]
    [MemberData(nameof(Transcripts))]
    public async Task Transcript_ReplayedAgainstTheServer_MatchesEveryLine(string name)
    {
        await using var runner = new TranscriptRunner();

        await runner.RunAsync(Transcript.Load(name));
    }

    [Fact]
    public void TranscriptFolder_Listed_IsNotEmpty()
    {
        Transcript.Names().Should().NotBeEmpty();
    }
}
