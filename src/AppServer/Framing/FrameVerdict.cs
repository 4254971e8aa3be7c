using AppServer.Protocol;

namespace AppServer.Framing;

/// <summary>What an inspector concluded about a payload: fine, or the error to answer it with.</summary>
/// <param name="IsResponse">A <c>result</c>/<c>error</c> without a <c>method</c>: a reply to a server request, never answered.</param>
internal readonly record struct FrameVerdict(int? ErrorCode, string? Problem, RawId? Id, bool IsResponse = false)
{
    public bool IsValid => ErrorCode is null;

    public static FrameVerdict Valid(RawId? id, bool isResponse = false) => new(null, null, id, isResponse);

    public static FrameVerdict ParseError(string problem) => new(ErrorCodes.ParseError, $"Parse error: {problem}", null);

    public static FrameVerdict InvalidRequest(string problem, RawId? id) => new(ErrorCodes.InvalidRequest, $"Invalid request: {problem}", id);

    /// <summary>Params the handlers could never read (under MessagePack: values JSON cannot carry).</summary>
    public static FrameVerdict InvalidParams(string problem, RawId? id) => new(ErrorCodes.InvalidParams, $"Invalid params: {problem}", id);

    /// <summary>
    /// Params that are a bare value: StreamJsonRpc's formatters refuse them outright, so they are
    /// answered here with what the handlers answer an array (params must be one object).
    /// </summary>
    public static FrameVerdict ScalarParams(RawId? id) => new(ErrorCodes.InvalidParams, "Invalid params: params must be a JSON object", id);
}
