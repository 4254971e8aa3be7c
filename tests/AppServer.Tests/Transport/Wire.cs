using AppServer.Framing;

namespace AppServer.Tests.Transport;

/// <summary>Names for the wire formats in test data (xunit theories cannot take internal enums).</summary>
internal static class Wire
{
    public static (WireFraming Framing, WireEncoding Encoding) Parse(string name) => name switch
    {
        "lines" => (WireFraming.Lines, WireEncoding.Json),
        "headers" => (WireFraming.Headers, WireEncoding.Json),
        "msgpack" => (WireFraming.LengthPrefixed, WireEncoding.MessagePack),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
