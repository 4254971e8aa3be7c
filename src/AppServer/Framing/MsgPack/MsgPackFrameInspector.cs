using System.Text.Unicode;

namespace AppServer.Framing.MsgPack;

/// <summary>
/// The MessagePack counterpart of <see cref="FrameInspector"/>: is the payload exactly one
/// well-formed MessagePack value, no deeper than the cap, whose root is a map with a <c>method</c>
/// (or a <c>result</c>/<c>error</c>), and what is its <c>id</c>. It also finds what JSON cannot carry
/// (extension types, NaN and infinities, map keys other than strings and integers, strings that are
/// not UTF-8), so <see cref="MsgPackJsonTranscoder"/> never fails on a request it lets through. The
/// walk is iterative, so a hostile nesting depth cannot overflow the stack.
/// </summary>
internal static class MsgPackFrameInspector
{
    internal const int MaxDepth = 64;

    public static FrameVerdict Inspect(byte[] payload)
    {
        if (payload.Length == 0)
        {
            return FrameVerdict.ParseError("empty message");
        }

        try
        {
            var reader = new MsgPackReader(payload);
            if (reader.NextType != MsgPackType.Map)
            {
                var problem = reader.NextType == MsgPackType.Array
                    ? "batch requests are not supported; send one message per frame"
                    : "a message must be a map";
                var (_, walkError) = Walk(ref reader, MaxDepth);
                return walkError ?? EnsureEnd(ref reader) ?? FrameVerdict.InvalidRequest(problem, id: null);
            }

            var count = reader.ReadMapHeader();
            RawId? id = null;
            var hasMethod = false;
            var hasResult = false;
            var scalarParams = false;
            string? paramsProblem = null;
            string? otherProblem = null;
            for (var i = 0; i < count; i++)
            {
                string? name = null;
                if (reader.NextType == MsgPackType.String)
                {
                    var key = reader.ReadStringBytes();
                    if (!Utf8.IsValid(key))
                    {
                        return FrameVerdict.ParseError("invalid UTF-8");
                    }

                    name = System.Text.Encoding.UTF8.GetString(key);
                }
                else
                {
                    if (reader.NextType != MsgPackType.Integer)
                    {
                        otherProblem ??= "a map key that is not a string or an integer";
                    }

                    var (keyProblem, badKey) = Walk(ref reader, MaxDepth - 1);
                    if (badKey is not null)
                    {
                        return badKey.Value;
                    }

                    otherProblem ??= keyProblem;
                }

                var valueType = reader.NextType;
                var valueStart = reader.Consumed;
                var (valueProblem, badValue) = Walk(ref reader, MaxDepth - 1);
                if (badValue is not null)
                {
                    return badValue.Value;
                }

                if (name == "params")
                {
                    paramsProblem ??= valueProblem;
                }
                else
                {
                    otherProblem ??= valueProblem;
                }

                switch (name)
                {
                    case "id" when valueType is MsgPackType.Integer or MsgPackType.String:
                        id = new RawId(payload[valueStart..reader.Consumed]);
                        break;
                    case "method" when valueType == MsgPackType.String:
                        hasMethod = true;
                        break;
                    case "result" or "error":
                        hasResult = true;
                        break;
                    case "params" when valueType is not (MsgPackType.Map or MsgPackType.Array or MsgPackType.Nil):
                        scalarParams = true;
                        break;
                }
            }

            if (EnsureEnd(ref reader) is { } trailing)
            {
                return trailing;
            }

            if (!hasMethod && !hasResult)
            {
                return FrameVerdict.InvalidRequest("a message needs a string 'method' (or a 'result'/'error')", id);
            }

            if (hasMethod)
            {
                if (otherProblem is not null)
                {
                    return FrameVerdict.InvalidRequest($"{otherProblem} has no JSON representation", id);
                }

                if (scalarParams)
                {
                    return FrameVerdict.ScalarParams(id);
                }

                if (paramsProblem is not null)
                {
                    return FrameVerdict.InvalidParams($"{paramsProblem} has no JSON representation", id);
                }
            }

            // A response JSON cannot carry is let through: the transcoder refuses it, and a reply is dropped, never answered.
            return FrameVerdict.Valid(id, isResponse: !hasMethod);
        }
        catch (MsgPackFormatException)
        {
            return FrameVerdict.ParseError("invalid MessagePack");
        }
    }

    /// <summary>
    /// Walks one value without recursion. Returns the first thing in it that JSON cannot carry (or
    /// null), and a verdict when the bytes themselves are refused: nesting deeper than
    /// <paramref name="maxDepth"/> or a string that is not UTF-8.
    /// </summary>
    private static (string? Unrepresentable, FrameVerdict? Refused) Walk(ref MsgPackReader reader, int maxDepth)
    {
        // Per open level: elements still to read, and whether it is a map (whose even positions are keys).
        var open = new Stack<(int Remaining, bool IsMap)>();
        var remaining = 1;
        var isMap = false;
        string? unrepresentable = null;
        while (true)
        {
            if (remaining == 0)
            {
                if (open.Count == 0)
                {
                    return (unrepresentable, null);
                }

                (remaining, isMap) = open.Pop();
                continue;
            }

            var isKey = isMap && remaining % 2 == 0;
            remaining--;
            var type = reader.NextType;
            if (isKey && type is not (MsgPackType.String or MsgPackType.Integer))
            {
                unrepresentable ??= "a map key that is not a string or an integer";
            }

            int children;
            switch (type)
            {
                case MsgPackType.Array:
                    children = reader.ReadArrayHeader();
                    break;
                case MsgPackType.Map:
                    children = 2 * reader.ReadMapHeader();
                    break;
                case MsgPackType.String:
                    if (!Utf8.IsValid(reader.ReadStringBytes()))
                    {
                        return (null, FrameVerdict.ParseError("invalid UTF-8"));
                    }

                    continue;
                case MsgPackType.Float:
                    if (!double.IsFinite(reader.ReadDouble()))
                    {
                        unrepresentable ??= "a NaN or infinite number";
                    }

                    continue;
                case MsgPackType.Extension:
                    unrepresentable ??= "a MessagePack extension value";
                    reader.SkipScalar();
                    continue;
                default:
                    reader.SkipScalar();
                    continue;
            }

            if (children == 0)
            {
                continue;
            }

            if (open.Count + 1 >= maxDepth)
            {
                return (null, FrameVerdict.ParseError($"nesting deeper than {MaxDepth} levels"));
            }

            open.Push((remaining, isMap));
            remaining = children;
            isMap = type == MsgPackType.Map;
        }
    }

    private static FrameVerdict? EnsureEnd(ref MsgPackReader reader) =>
        reader.End ? null : FrameVerdict.ParseError("unexpected data after the MessagePack value");
}
