namespace AppServer.Framing;

/// <summary>
/// Cuts the input into frames. Implementations never throw on bad input: a frame they cannot
/// delimit is reported as <see cref="FrameKind.Refused"/> and they move on to the next one.
/// </summary>
internal interface IFrameReader
{
    ValueTask<Frame> ReadAsync(CancellationToken cancellationToken);
}
