using System.Text.Json;
using AppServer.Framing;
using MessagePack;
using MessagePack.Resolvers;

namespace AppServer.Tests.Transport;

/// <summary>The MessagePack ↔ JsonElement bridge that lets handlers stay encoding-blind.</summary>
public sealed class JsonElementMessagePackFormatterTests
{
    private static readonly MessagePackSerializerOptions s_options = MessagePackSerializerOptions.Standard
        .WithResolver(CompositeResolver.Create(JsonElementResolver.Instance, StandardResolver.Instance))
        .WithSecurity(MessagePackSecurity.UntrustedData);

    [Theory]
    [InlineData("""{"a":1,"b":[true,false,null],"c":"é","d":{"e":-5}}""")]
    [InlineData("""[1.5,-2,18446744073709551615,"x"]""")]
    [InlineData("null")]
    [InlineData("{}")]
    public void JsonElement_RoundTripsThroughMessagePack(string json)
    {
        var element = JsonDocument.Parse(json).RootElement;

        var bytes = MessagePackSerializer.Serialize(element, s_options);
        var back = MessagePackSerializer.Deserialize<JsonElement>(bytes, s_options);

        JsonElement.DeepEquals(back, element).Should().BeTrue(back.GetRawText());
        MessagePackSerializer.ConvertToJson(bytes).Should().Be(json.Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Deserialize_BinaryAndIntegerKeys_BecomeBase64AndStringKeys()
    {
        var bytes = MessagePackSerializer.Serialize(new Dictionary<object, object> { [7] = new byte[] { 1, 2, 3 } }, s_options);

        var element = MessagePackSerializer.Deserialize<JsonElement>(bytes, s_options);

        element.GetRawText().Should().Be("""{"7":"AQID"}""");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Deserialize_NonFiniteFloat_IsRefused(double value)
    {
        var bytes = MessagePackSerializer.Serialize(value, s_options);

        var read = () => MessagePackSerializer.Deserialize<JsonElement>(bytes, s_options);

        read.Should().Throw<MessagePackSerializationException>();
    }

    [Fact]
    public void NullableJsonElement_NilIsNull()
    {
        MessagePackSerializer.Deserialize<JsonElement?>(new byte[] { 0xC0 }, s_options).Should().BeNull();
    }
}
