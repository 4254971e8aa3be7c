namespace AppServer.Tests.Protocol;

/// <param name="Number">1-based line number in the transcript file, for failure messages.</param>
/// <param name="Text">The line after its marker and one space.</param>
internal sealed record TranscriptLine(int Number, TranscriptLineKind Kind, string Text);
