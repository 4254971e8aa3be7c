using System.Buffers;
using System.Text;
using System.Text.Json;
using AppServer.Framing.MsgPack;
using OldMessagePack = MessagePack;

namespace AppServer.Tests.Transport;

/// <summary>
/// The MessagePack ↔ JSON bridge that lets StreamJsonRpc's JSON formatter serve <c>--encoding
/// msgpack</c>. MessagePack-CSharp (what StreamJsonRpc's <c>MessagePackFormatter</c> is built on)
/// is the reference on both sides.
/// </summary>
public sealed class MsgPackJsonTranscoderTests
{
    [Theory]
    [InlineData("""{"a":1,"b":[true,false,null],"c":"é","d":{"e":-5}}""")]
    [InlineData("""[1.5,-2,18446744073709551615,-9223372036854775808,"x"]""")]
    [InlineData("""[0,127,128,255,256,65535,65536,4294967295,4294967296,-1,-32,-33,-128,-129,-32768,-32769,-2147483648,-2147483649]""")]
    [InlineData("null")]
    [InlineData("{}")]
    public void Json_RoundTripsThroughMessagePack_AndMessagePackCSharpReadsTheSameValue(string json)
    {
        var packed = Pack(json);

        OldMessagePack.MessagePackSerializer.ConvertToJson(packed).Should().Be(json);
        Encoding.UTF8.GetString(MsgPackJsonTranscoder.ToJson(packed)).Should().Be(Canonical(json));
    }

    [Fact]
    public void ToMessagePack_UsesTheSmallestEncodings_AsMessagePackCSharpDoes()
    {
        const string json = """{"n":[0,127,128,255,256,65535,65536,4294967296,-1,-32,-33,-128,-129,-32768,-32769,-2147483648,-2147483649],"f":0.5}""";

        Pack(json).Should().Equal(OldMessagePack.MessagePackSerializer.ConvertFromJson(json));
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(65535)]
    [InlineData(65536)]
    public void Strings_OfEveryLengthClass_RoundTrip(int length)
    {
        var text = new string('x', length - 1) + "é";
        var json = Quote(text);

        var packed = Pack(json);

        OldMessagePack.MessagePackSerializer.Deserialize<string>(packed).Should().Be(text);
        JsonDocument.Parse(MsgPackJsonTranscoder.ToJson(packed)).RootElement.GetString().Should().Be(text);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(65535)]
    [InlineData(65536)]
    public void ArraysAndMaps_OfEveryHeaderClass_RoundTrip(int count)
    {
        var array = OldMessagePack.MessagePackSerializer.Serialize(Enumerable.Range(0, count).ToArray());
        var map = OldMessagePack.MessagePackSerializer.Serialize(Enumerable.Range(0, count).ToDictionary(i => $"k{i}", i => i));

        JsonDocument.Parse(MsgPackJsonTranscoder.ToJson(array)).RootElement.GetArrayLength().Should().Be(count);
        JsonDocument.Parse(MsgPackJsonTranscoder.ToJson(map)).RootElement.EnumerateObject().Should().HaveCount(count);
        Pack(Encoding.UTF8.GetString(MsgPackJsonTranscoder.ToJson(array))).Should().Equal(array);
        Pack(Encoding.UTF8.GetString(MsgPackJsonTranscoder.ToJson(map))).Should().Equal(map);
    }

    [Fact]
    public void ToJson_BinaryAndIntegerKeys_BecomeBase64AndStringKeys()
    {
        var bytes = OldMessagePack.MessagePackSerializer.Serialize(new Dictionary<object, object> { [7] = new byte[] { 1, 2, 3 } });

        Encoding.UTF8.GetString(MsgPackJsonTranscoder.ToJson(bytes)).Should().Be("""{"7":"AQID"}""");
    }

    [Fact]
    public void ToJson_Float32_IsReadAsItsDoubleValue()
    {
        var bytes = OldMessagePack.MessagePackSerializer.Serialize(0.25f);

        bytes[0].Should().Be(0xca);
        Encoding.UTF8.GetString(MsgPackJsonTranscoder.ToJson(bytes)).Should().Be("0.25");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ToJson_NonFiniteFloat_IsRefused(double value)
    {
        var bytes = OldMessagePack.MessagePackSerializer.Serialize(value);

        var read = () => MsgPackJsonTranscoder.ToJson(bytes);

        read.Should().Throw<MsgPackFormatException>();
    }

    [Theory]
    [InlineData("d40100")]
    [InlineData("c70201aabb")]
    [InlineData("81c0c0")]
    [InlineData("a2c328")]
    [InlineData("c1")]
    [InlineData("92")]
    [InlineData("db7fffffff")]
    [InlineData("dd7fffffff")]
    public void ToJson_ExtensionsBadKeysBadUtf8AndTruncation_AreRefused(string hex)
    {
        var read = () => MsgPackJsonTranscoder.ToJson(Convert.FromHexString(hex));

        read.Should().Throw<MsgPackFormatException>();
    }

    [Fact]
    public void ToMessagePack_ErrorWithoutData_GetsANilDataKey_AndOtherMembersAreKept()
    {
        var packed = Pack("""{"jsonrpc":"2.0","id":"a","error":{"code":-32601,"message":"Method not found"}}""");

        OldMessagePack.MessagePackSerializer.ConvertToJson(packed)
            .Should().Be("""{"jsonrpc":"2.0","id":"a","error":{"code":-32601,"message":"Method not found","data":null}}""");
    }

    [Fact]
    public void ToMessagePack_ErrorWithData_IsLeftAsItIs()
    {
        const string json = """{"jsonrpc":"2.0","id":1,"error":{"code":-32602,"message":"m","data":{"x":1}}}""";

        OldMessagePack.MessagePackSerializer.ConvertToJson(Pack(json)).Should().Be(json);
    }

    [Fact]
    public void ToJson_EscapesControlCharactersAndQuotes()
    {
        var bytes = OldMessagePack.MessagePackSerializer.Serialize("a\"b\n\u0001");

        JsonDocument.Parse(MsgPackJsonTranscoder.ToJson(bytes)).RootElement.GetString().Should().Be("a\"b\n\u0001");
    }

    private static byte[] Pack(string json)
    {
        var output = new ArrayBufferWriter<byte>();
        MsgPackJsonTranscoder.ToMessagePack(Encoding.UTF8.GetBytes(json), output);
        return output.WrittenSpan.ToArray();
    }

    private static string Quote(string text)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStringValue(text);
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>The JSON as Utf8JsonWriter writes it (non-ASCII escaped).</summary>
    private static string Canonical(string json)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            JsonDocument.Parse(json).RootElement.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
