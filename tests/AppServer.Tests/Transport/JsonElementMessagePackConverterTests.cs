using System.Text.Json;
using AppServer.Framing;
using Nerdbank.MessagePack;
using StreamJsonRpc;
using OldMessagePack = MessagePack;

namespace AppServer.Tests.Transport;

/// <summary>The MessagePack ↔ JsonElement bridge that lets handlers stay encoding-blind.</summary>
public sealed class JsonElementMessagePackConverterTests
{
    private static readonly MessagePackSerializer s_serializer = NerdbankMessagePackFormatter.DefaultSerializer with
    {
        Converters = [.. NerdbankMessagePackFormatter.DefaultSerializer.Converters, JsonElementMessagePackConverter.Instance],
    };

    private static PolyType.ITypeShape<T> Shape<T>() => (PolyType.ITypeShape<T>)MessagePackShapes.GeneratedTypeShapeProvider.GetTypeShape(typeof(T))!;

    [Theory]
    [InlineData("""{"a":1,"b":[true,false,null],"c":"é","d":{"e":-5}}""")]
    [InlineData("""[1.5,-2,18446744073709551615,"x"]""")]
    [InlineData("null")]
    [InlineData("{}")]
    public void JsonElement_RoundTripsThroughMessagePack(string json)
    {
        var element = JsonDocument.Parse(json).RootElement;

        var bytes = s_serializer.Serialize(element, Shape<JsonElement>());
        var back = s_serializer.Deserialize((ReadOnlyMemory<byte>)bytes, Shape<JsonElement>());

        JsonElement.DeepEquals(back, element).Should().BeTrue(back.GetRawText());
        // What a MessagePack-CSharp peer (StreamJsonRpc's MessagePackFormatter) reads.
        OldMessagePack.MessagePackSerializer.ConvertToJson(bytes).Should().Be(json.Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Deserialize_BinaryAndIntegerKeys_BecomeBase64AndStringKeys()
    {
        var bytes = OldMessagePack.MessagePackSerializer.Serialize(new Dictionary<object, object> { [7] = new byte[] { 1, 2, 3 } });

        var element = s_serializer.Deserialize((ReadOnlyMemory<byte>)bytes, Shape<JsonElement>());

        element.GetRawText().Should().Be("""{"7":"AQID"}""");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Deserialize_NonFiniteFloat_IsRefused(double value)
    {
        var bytes = OldMessagePack.MessagePackSerializer.Serialize(value);

        var read = () => s_serializer.Deserialize((ReadOnlyMemory<byte>)bytes, Shape<JsonElement>());

        read.Should().Throw<MessagePackSerializationException>();
    }

    [Fact]
    public void Deserialize_Extension_IsRefused()
    {
        var read = () => s_serializer.Deserialize((ReadOnlyMemory<byte>)new byte[] { 0xD4, 0x01, 0x00 }, Shape<JsonElement>());

        read.Should().Throw<MessagePackSerializationException>();
    }

    [Fact]
    public void NullableJsonElement_NilIsNull()
    {
        s_serializer.Deserialize((ReadOnlyMemory<byte>)new byte[] { 0xC0 }, Shape<JsonElement?>()).Should().BeNull();
    }
}
