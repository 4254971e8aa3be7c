using System.Text;
using System.Text.Json.Nodes;
using AppServer.Testing;
using Nerdbank.Streams;

namespace AppServer.Tests.Schema;

/// <summary>
/// The shared client's schema check (every response and notification any test observes) is real:
/// the committed schemas reject what the wire must never carry, and a violating message fails the
/// test that receives it, or the test at dispose.
/// </summary>
public sealed class SchemaValidationHookTests
{
    private const string PoisonedStatus = """{"authMethod":"chatgpt","authToken":null,"requiresOpenaiAuth":true,"refreshFailure":{"reason":"revoked","message":"m"}}""";

    [Theory]
    [InlineData("getAuthStatus", PoisonedStatus)]
    [InlineData("getAuthStatus", """{"authMethod":null,"authToken":null,"requiresOpenaiAuth":null}""")]
    [InlineData("account/read", """{"account":{"type":"apiKey"},"requiresOpenaiAuth":true}""")]
    [InlineData("account/read", """{"account":{"type":"chatgpt","email":"a@b.c","planType":"enterprise_cbp_usage_based"},"requiresOpenaiAuth":true}""")]
    [InlineData("account/login/start", """{"type":"chatgptDeviceCode","loginId":"l","verificationUrl":"https://x","userCode":"ABCD"}""")]
    [InlineData("account/login/cancel", """{"status":"canceled"}""")]
    [InlineData("loginApiKey", "{}")]
    public void CheckResponse_WireShapedResult_Passes(string method, string result)
    {
        ProtocolSchemas.CheckResponse(method, Response(result)).Should().BeNull();
    }

    [Theory]
    [InlineData("getAuthStatus", """{"authMethod":"chatgpt","requiresOpenaiAuth":true}""", "authToken is always written")]
    [InlineData("getAuthStatus", """{"authMethod":"chatgpt","authToken":null,"requiresOpenaiAuth":true,"refreshFailure":null}""", "refreshFailure is left out, never null")]
    [InlineData("getAuthStatus", """{"authMethod":"apiKey","authToken":null,"requiresOpenaiAuth":true}""", "the v1 mode is lower-case apikey")]
    [InlineData("getAuthStatus", """{"authMethod":null,"authToken":null,"requiresOpenaiAuth":true,"extra":1}""", "results carry exactly their members")]
    [InlineData("account/read", """{"account":{"type":"chatgpt","planType":"plus"},"requiresOpenaiAuth":true}""", "a chatgpt account has an email")]
    [InlineData("account/read", """{"account":{"type":"apikey"},"requiresOpenaiAuth":true}""", "the account tag is camel-case apiKey")]
    [InlineData("account/read", """{"account":null,"requiresOpenaiAuth":null}""", "requiresOpenaiAuth is a boolean")]
    [InlineData("account/login/cancel", """{"status":"cancelled"}""", "canceled has one l")]
    public void CheckResponse_OffContractResult_IsReported(string method, string result, string because)
    {
        ProtocolSchemas.CheckResponse(method, Response(result)).Should().NotBeNull(because);
    }

    [Theory]
    [InlineData("""{"code":-32600,"message":"Not initialized"}""", true)]
    [InlineData("""{"code":-32600,"message":"x","data":{"stack":"at ..."}}""", false)]
    [InlineData("""{"code":-32000,"message":"x"}""", false)]
    public void CheckResponse_ErrorObjects_AreCheckedAgainstJsonRpcError(string error, bool valid)
    {
        var response = new JsonObject { ["id"] = 1, ["error"] = JsonNode.Parse(error) };

        (ProtocolSchemas.CheckResponse("getAuthStatus", response) is null).Should().Be(valid);
    }

    [Fact]
    public void CheckResponse_MethodNotInTheCatalogue_IsSkipped()
    {
        ProtocolSchemas.CheckResponse("no/such/method", Response("""{"anything":true}""")).Should().BeNull();
    }

    [Theory]
    [InlineData("account/updated", """{"authMode":null,"planType":null}""", true)]
    [InlineData("account/updated", """{"authMode":"chatgpt"}""", false)]
    [InlineData("account/updated", """{"authMode":"chatgpt","planType":"gold"}""", false)]
    [InlineData("authStatusChange", """{"authMethod":"chatgptAuthTokens"}""", true)]
    [InlineData("account/login/completed", """{"loginId":null,"success":true,"error":null}""", true)]
    [InlineData("loginChatGptComplete", """{"loginId":null,"success":true,"error":null}""", false)]
    [InlineData("some/other/notification", """{"x":1}""", true)]
    public void CheckNotification_ServerNotificationParams_CheckedByItsMethod(string method, string parameters, bool valid)
    {
        var message = new JsonObject { ["method"] = method, ["params"] = JsonNode.Parse(parameters) };

        (ProtocolSchemas.CheckNotification(method, message) is null).Should().Be(valid);
    }

    [Theory]
    [InlineData("""{"type":"apiKey","apiKey":"sk"}""", true)]
    [InlineData("""{"type":"chatgpt"}""", true)]
    [InlineData("""{"type":"chatgptDeviceCode"}""", true)]
    [InlineData("""{"type":"chatgptAuthTokens","accessToken":"a"}""", false)]
    [InlineData("""{"type":"password"}""", false)]
    public void LoginAccountParams_TaggedBranches_AreToldApartByType(string parameters, bool valid)
    {
        (ProtocolSchemas.Check("LoginAccountParams", JsonNode.Parse(parameters), "params") is null).Should().Be(valid);
    }

    [Fact]
    public async Task Client_ResultViolatingItsSchema_FailsTheCallThatReceivesIt()
    {
        await using var client = Connect(out var server);

        Func<Task> call = () => client.RequestAsync("getAuthStatus", new { });
        var answered = call.Should().ThrowAsync<ProtocolSchemaViolationException>();
        await AnswerAsync(server, """{"jsonrpc":"2.0","id":1,"result":{"authMethod":"chatgpt","requiresOpenaiAuth":true}}""");

        (await answered).Which.Message.Should().Contain("result of 'getAuthStatus'").And.Contain("GetAuthStatusResponse.json");
    }

    [Fact]
    public async Task Client_NotificationViolatingItsSchema_FailsNextNotification()
    {
        await using var client = Connect(out var server);

        await AnswerAsync(server, """{"jsonrpc":"2.0","method":"account/updated","params":{"authMode":"apikey"}}""");

        await client.Invoking(c => c.NextNotificationAsync()).Should().ThrowAsync<ProtocolSchemaViolationException>();
    }

    [Fact]
    public async Task Client_ViolationNobodyAwaited_FailsAtDispose()
    {
        var client = Connect(out var server);
        var pending = client.Expect(JsonValue.Create(5));
        await client.SendLineAsync("""{"id":5,"method":"account/read"}""");

        await AnswerAsync(server, """{"jsonrpc":"2.0","id":5,"result":{"account":{"type":"chatgpt"},"requiresOpenaiAuth":true}}""");
        await pending;

        await client.Invoking(c => c.DisposeAsync().AsTask()).Should().ThrowAsync<ProtocolSchemaViolationException>();
    }

    [Fact]
    public async Task Client_ValidMessages_DisposeCleanly()
    {
        var client = Connect(out var server);

        var call = client.RequestAsync("account/read");
        await AnswerAsync(server, """{"jsonrpc":"2.0","id":1,"result":{"account":null,"requiresOpenaiAuth":true}}""");
        await AnswerAsync(server, """{"jsonrpc":"2.0","method":"authStatusChange","params":{"authMethod":null}}""");
        await call;
        await client.NextNotificationAsync();

        await client.Invoking(c => c.DisposeAsync().AsTask()).Should().NotThrowAsync();
    }

    private static JsonObject Response(string result) => new() { ["id"] = 1, ["result"] = JsonNode.Parse(result) };

    private static JsonLineClient Connect(out Stream server)
    {
        var (clientStream, serverStream) = FullDuplexStream.CreatePair();
        server = serverStream;
        return new JsonLineClient(clientStream, clientStream);
    }

    private static async Task AnswerAsync(Stream server, string line)
    {
        await server.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
        await server.FlushAsync();
    }
}
