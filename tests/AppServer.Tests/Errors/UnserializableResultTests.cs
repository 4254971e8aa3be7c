using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AppServer.Framing;
using AppServer.Protocol;
using AppServer.Rpc;
using AppServer.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Nerdbank.Streams;

namespace AppServer.Tests.Errors;

/// <summary>
/// A result that cannot be serialized becomes a clean -32603 on a well-formed line, never a
/// half-written frame (StreamJsonRpc's JSONL writer would glue the error onto a partial result).
/// </summary>
public sealed class UnserializableResultTests
{
    [Fact]
    public async Task HandlerResultThatFailsToSerialize_GetsInternalError_AndConnectionGoesOn()
    {
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        var registry = new ConnectionRegistry(NullLogger<ConnectionRegistry>.Instance);
        await using var connection = RpcConnection.Start(serverStream, serverStream, [new PoisonHandler()], registry, new FramingOptions(), NullLoggerFactory.Instance);
        await using var client = new JsonLineClient(clientStream, clientStream);

        var first = await client.RequestAsync("test/poison", new { });
        var second = await client.RequestAsync("test/poison", new { });

        first["error"]!.ToJsonString().Should().Be("""{"code":-32603,"message":"Internal error"}""");
        second["error"]!["code"]!.GetValue<int>().Should().Be(-32603);
        client.Lines.Should().HaveCount(2).And.OnlyContain(line => JsonDocument.Parse(line, default).RootElement.ValueKind == JsonValueKind.Object);
    }

    private sealed record Poison(string Value);

    private sealed class ThrowingConverter : JsonConverter<Poison>
    {
        public override Poison Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, Poison value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("partial", "yes");
            throw new InvalidOperationException("cannot serialize /secret/path Poison");
        }
    }

    private sealed class PoisonHandler() : RequestHandler<GetAccountParams, Poison>(static json => json.GetAccountParams, static _ => PoisonType)
    {
        private static JsonTypeInfo<Poison> PoisonType { get; } = (JsonTypeInfo<Poison>)new JsonSerializerOptions
        {
            Converters = { new ThrowingConverter() },
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        }.GetTypeInfo(typeof(Poison));

        public override string Method => "test/poison";

        protected override bool RequiresInitialization => false;

        protected override ValueTask<Poison> HandleAsync(GetAccountParams parameters, ConnectionSession session, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new Poison("x"));
    }
}
