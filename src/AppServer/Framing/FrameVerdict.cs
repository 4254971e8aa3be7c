using AppServer.Protocol;

namespace AppServer.Framing;

/// <summary>What an inspector concluded about a payload: fine, or the error to answer it with.</summary>
internal readonly record struct FrameVerdict(int? ErrorCode, string? Problem, RawId? Id)
{
    public bool IsValid => ErrorCode is null;

    public static FrameVerdict Valid(RawId? id) => new(null, null, id);

    public static FrameVerdict ParseError(string problem) => new(ErrorCodes.ParseError, $"Parse error: {problem}", null);

    public static FrameVerdict InvalidRequest(string problem, RawId? id) => new(ErrorCodes.InvalidRequest, $"Invalid request: {problem}", id);
}
