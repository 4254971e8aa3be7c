using System.Text.Json.Nodes;
using AppServer.Testing;
using AppServer.Tests.Infrastructure;

namespace AppServer.Tests.Errors;

public sealed class ErrorPolicyTests : IAsyncLifetime
{
    private readonly TempCodexHome _home = new();
    private InProcessServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = InProcessServer.Start(_home.Path);
        await _server.Client.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task UnknownMethod_GetsMethodNotFoundNamingTheMethod()
    {
        var response = await _server.Client.RequestAsync("no/such/method", new { });

        response["error"]!["code"]!.GetValue<int>().Should().Be(-32601);
        response["error"]!["message"]!.GetValue<string>().Should().Contain("no/such/method");
        response["error"]!.AsObject().Should().NotContainKey("data");
    }

    [Theory]
    [InlineData("""{"includeToken":"yes"}""", "includeToken")]
    [InlineData("""{"refreshToken":5}""", "refreshToken")]
    public async Task GetAuthStatus_WithWrongFieldType_GetsInvalidParamsNamingTheField(string parameters, string field)
    {
        var response = await _server.Client.RequestAsync("getAuthStatus", JsonNode.Parse(parameters));

        response["error"]!["code"]!.GetValue<int>().Should().Be(-32602);
        response["error"]!["message"]!.GetValue<string>().Should().Be($"Invalid params: invalid value for '{field}'");
    }

    [Fact]
    public async Task GetAuthStatus_WithoutParams_GetsInvalidParams()
    {
        var response = await _server.Client.RequestAsync("getAuthStatus");

        response["error"]!["code"]!.GetValue<int>().Should().Be(-32602);
        response["error"]!["message"]!.GetValue<string>().Should().Be("Invalid params: params are required");
    }

    [Fact]
    public async Task Initialize_MissingClientInfoMembers_GetsInvalidParamsNamingThem()
    {
        var fresh = _server.Connect();

        var response = await fresh.RequestAsync("initialize", new { clientInfo = new { } });

        response["error"]!["code"]!.GetValue<int>().Should().Be(-32602);
        response["error"]!["message"]!.GetValue<string>().Should().Be("Invalid params: missing required field 'clientInfo.name', 'clientInfo.version'");
    }

    [Fact]
    public async Task Params_AsArray_GetsInvalidParams()
    {
        var response = await _server.Client.RequestAsync("account/read", new JsonArray(1, 2));

        response["error"]!["code"]!.GetValue<int>().Should().Be(-32602);
    }

    [Fact]
    public async Task AccountRead_WithoutParams_IsServedWithDefaults()
    {
        var result = await _server.Client.CallAsync("account/read");

        result.ToJsonString().Should().Be("""{"account":null,"requiresOpenaiAuth":true}""");
    }

    [Fact]
    public async Task ErrorResponses_NeverCarryDataStackTracesTypeNamesOrPaths()
    {
        var responses = new List<JsonObject>
        {
            await _server.Client.RequestAsync("getAuthStatus", JsonNode.Parse("""{"includeToken":{"deep":[1,2]}}""")),
            await _server.Client.RequestAsync("getAuthStatus", new JsonArray("a", "b", "c")),
            await _server.Client.RequestAsync("nope"),
            await _server.Client.RequestAsync("initialize", new { clientInfo = 5 }),
        };

        foreach (var response in responses)
        {
            var error = response["error"]!.AsObject();
            error.Should().NotContainKey("data");
            var text = error.ToJsonString();
            text.Should().NotContainAny("System.", "AppServer.", "Exception", " at ", ".cs", "/", "\\\\", "Nullable", "JsonElement");
        }
    }
}
