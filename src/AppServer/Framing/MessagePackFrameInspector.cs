using Nerdbank.MessagePack;

namespace AppServer.Framing;

/// <summary>
/// The MessagePack counterpart of <see cref="FrameInspector"/>: is the payload exactly one
/// well-formed MessagePack value, no deeper than the cap, whose root is a map with a <c>method</c>
/// (or a <c>result</c>/<c>error</c>), and what is its <c>id</c>. The walk is iterative, so a hostile
/// nesting depth cannot overflow the stack before StreamJsonRpc's own (recursive) reader sees it.
/// </summary>
internal static class MessagePackFrameInspector
{
    internal const int MaxDepth = 64;

    // Skip needs a context; this walk bounds the depth itself, so the default one does.
    private static readonly SerializationContext s_context = new();

    public static FrameVerdict Inspect(byte[] payload)
    {
        if (payload.Length == 0)
        {
            return FrameVerdict.ParseError("empty message");
        }

        try
        {
            var reader = new MessagePackReader(payload);
            if (reader.NextMessagePackType != MessagePackType.Map)
            {
                var problem = reader.NextMessagePackType == MessagePackType.Array
                    ? "batch requests are not supported; send one message per frame"
                    : "a message must be a map";
                return SkipValue(ref reader, MaxDepth) ?? EnsureEnd(ref reader) ?? FrameVerdict.InvalidRequest(problem, id: null);
            }

            var count = reader.ReadMapHeader();
            RawId? id = null;
            var hasMethod = false;
            var hasResult = false;
            var scalarParams = false;
            var hasParams = false;
            for (var i = 0; i < count; i++)
            {
                string? name = null;
                if (reader.NextMessagePackType == MessagePackType.String)
                {
                    name = reader.ReadString();
                }
                else if (SkipValue(ref reader, MaxDepth - 1) is { } badKey)
                {
                    return badKey;
                }

                var valueType = reader.NextMessagePackType;
                var valueStart = reader.Consumed;
                if (SkipValue(ref reader, MaxDepth - 1) is { } badValue)
                {
                    return badValue;
                }

                switch (name)
                {
                    case "id" when valueType is MessagePackType.Integer or MessagePackType.String:
                        id = new RawId(payload[(int)valueStart..(int)reader.Consumed]);
                        break;
                    case "method" when valueType == MessagePackType.String:
                        hasMethod = true;
                        break;
                    case "result" or "error":
                        hasResult = true;
                        break;
                    case "params" when valueType is not (MessagePackType.Map or MessagePackType.Array or MessagePackType.Nil):
                        scalarParams = true;
                        hasParams = true;
                        break;
                    case "params":
                        hasParams = true;
                        break;
                }
            }

            if (EnsureEnd(ref reader) is { } trailing)
            {
                return trailing;
            }

            if (hasMethod && scalarParams)
            {
                return FrameVerdict.ScalarParams(id);
            }

            return hasMethod || hasResult
                ? FrameVerdict.Valid(id, isResponse: !hasMethod, lacksParams: hasMethod && !hasParams)
                : FrameVerdict.InvalidRequest("a message needs a string 'method' (or a 'result'/'error')", id);
        }
        catch (Exception ex) when (ex is MessagePackSerializationException or EndOfStreamException)
        {
            return FrameVerdict.ParseError("invalid MessagePack");
        }
    }

    /// <summary>Skips one value without recursion; a verdict when it nests deeper than <paramref name="maxDepth"/>.</summary>
    private static FrameVerdict? SkipValue(ref MessagePackReader reader, int maxDepth)
    {
        // Elements still to skip at each open level.
        var open = new Stack<long>();
        long remaining = 1;
        while (true)
        {
            if (remaining == 0)
            {
                if (open.Count == 0)
                {
                    return null;
                }

                remaining = open.Pop();
                continue;
            }

            remaining--;
            long children;
            switch (reader.NextMessagePackType)
            {
                case MessagePackType.Array:
                    children = reader.ReadArrayHeader();
                    break;
                case MessagePackType.Map:
                    children = 2L * reader.ReadMapHeader();
                    break;
                default:
                    // Scalars, strings, binaries and extensions have no children.
                    reader.Skip(s_context);
                    continue;
            }

            if (children == 0)
            {
                continue;
            }

            if (open.Count + 1 >= maxDepth)
            {
                return FrameVerdict.ParseError($"nesting deeper than {MaxDepth} levels");
            }

            open.Push(remaining);
            remaining = children;
        }
    }

    private static FrameVerdict? EnsureEnd(ref MessagePackReader reader) =>
        reader.End ? null : FrameVerdict.ParseError("unexpected data after the MessagePack value");
}
