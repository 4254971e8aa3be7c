using System.Text.Json.Nodes;
using AppServer.Protocol;
using AppServer.Dev.Schema;

namespace AppServer.Tests.Schema;

/// <summary>The generated schemas say what goes on the wire: names, nullability, required-ness.</summary>
public sealed class ProtocolSchemaGeneratorTests
{
    private static readonly IReadOnlyDictionary<string, JsonObject> s_files =
        ProtocolSchemaGenerator.GenerateFiles().ToDictionary(f => f.Name, f => JsonNode.Parse(f.Content)!.AsObject());

    private static JsonObject Bundle => s_files[ProtocolSchemaGenerator.BundleName + ".json"];

    [Theory]
    [InlineData("GetAuthStatusParams.json")]
    [InlineData("GetAuthStatusResponse.json")]
    [InlineData("GetAccountParams.json")]
    [InlineData("GetAccountResponse.json")]
    [InlineData("LoginAccountParams.json")]
    [InlineData("CancelLoginAccountParams.json")]
    [InlineData("AccountUpdatedNotification.json")]
    [InlineData("AppServerProtocol.json")]
    public void Generate_ContractTypesNamedInTheIssue_EachHaveAFile(string name)
    {
        s_files.Should().ContainKey(name);
    }

    [Fact]
    public void Generate_EveryCatalogueType_GetsExactlyOneFile()
    {
        var expected = ProtocolCatalog.Methods
            .SelectMany(m => new[] { m.ParamsType, m.ResultType })
            .OfType<Type>()
            .Select(t => t.Name + ".json")
            .Append(ProtocolSchemaGenerator.ErrorTypeName + ".json")
            .Append(ProtocolSchemaGenerator.BundleName + ".json")
            .ToHashSet();

        s_files.Keys.Should().BeEquivalentTo(expected);
    }

    [Fact]
    public void Generate_EveryFile_DeclaresDraft07AndItsTitle()
    {
        foreach (var (name, schema) in s_files)
        {
            schema["$schema"]!.GetValue<string>().Should().Be("http://json-schema.org/draft-07/schema#", name);
            schema["title"]!.GetValue<string>().Should().Be(Path.GetFileNameWithoutExtension(name));
        }
    }

    [Fact]
    public void Generate_TwiceInARow_IsByteForByteTheSame()
    {
        ProtocolSchemaGenerator.GenerateFiles().Should().Equal(ProtocolSchemaGenerator.GenerateFiles());
    }

    [Fact]
    public void GetAuthStatusResponse_AlwaysWrittenMembersAreRequiredAndNullable_RefreshFailureIsOptionalAndNeverNull()
    {
        var schema = s_files["GetAuthStatusResponse.json"];

        Required(schema).Should().Equal("authMethod", "authToken", "requiresOpenaiAuth");
        schema["properties"]!["authToken"]!["type"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("string", "null");
        schema["properties"]!["authMethod"]!.ToJsonString().Should().Be("""{"oneOf":[{"$ref":"#/definitions/AuthMode"},{"type":"null"}]}""");
        schema["properties"]!["refreshFailure"]!.ToJsonString().Should().Be("""{"$ref":"#/definitions/RefreshFailure"}""");
        schema["additionalProperties"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public void GetAuthStatusParams_EveryMemberOptional_UnknownMembersAllowed()
    {
        var schema = s_files["GetAuthStatusParams.json"];

        Required(schema).Should().BeEmpty();
        schema.Should().NotContainKey("additionalProperties", "the server ignores members it does not know");
        schema["properties"]!.AsObject().Select(p => p.Key).Should().Equal("includeToken", "refreshToken", "rejectedAuthToken");
    }

    [Fact]
    public void InitializeParams_ClientInfoRequired_NameAndVersionRequired()
    {
        var schema = s_files["InitializeParams.json"];

        Required(schema).Should().Equal("clientInfo");
        Required(schema["definitions"]!["ClientInfo"]!.AsObject()).Should().Equal("name", "version");
    }

    [Fact]
    public void Notifications_MembersWrittenAsNull_AreStillRequired()
    {
        Required(s_files["AccountUpdatedNotification.json"]).Should().Equal("authMode", "planType");
        Required(s_files["AccountLoginCompletedNotification.json"]).Should().Equal("loginId", "success", "error");
        Required(s_files["AuthStatusChangeNotification.json"]).Should().Equal("authMethod");
    }

    [Fact]
    public void TaggedUnions_EachBranch_RequiresItsTypeTag()
    {
        var account = s_files["GetAccountResponse.json"]["definitions"]!.AsObject();

        account["Account"]!["oneOf"]!.AsArray().Select(b => b!["$ref"]!.GetValue<string>())
            .Should().Equal("#/definitions/ApiKeyAccount", "#/definitions/ChatGptAccount");
        account["ChatGptAccount"]!["properties"]!["type"]!.ToJsonString().Should().Be("""{"type":"string","enum":["chatgpt"]}""");
        Required(account["ChatGptAccount"]!.AsObject()).Should().Equal("type", "email", "planType");
        Required(s_files["LoginAccountParams.json"]["definitions"]!["ChatGptAuthTokensLoginParams"]!.AsObject())
            .Should().Equal("type", "accessToken", "chatgptAccountId");
    }

    [Fact]
    public void Enums_Exported_AreTheExactWireStrings()
    {
        var definitions = Bundle["definitions"]!.AsObject();

        Values(definitions["AuthMode"]!).Should().Equal("apikey", "chatgpt", "chatgptAuthTokens");
        Values(definitions["CancelLoginStatus"]!).Should().Equal("canceled", "notFound");
        Values(definitions["PlanType"]!).Should().Contain(["self_serve_business_usage_based", "enterprise_cbp_usage_based", "unknown"]);
    }

    [Fact]
    public void BundleUnions_ComparedWithTheCatalogue_HaveABranchPerMethod()
    {
        var definitions = Bundle["definitions"]!.AsObject();

        Methods(definitions["ClientRequest"]!).Should().Equal(CatalogueMethods(MessageDirection.ClientRequest));
        Methods(definitions["ClientNotification"]!).Should().Equal(CatalogueMethods(MessageDirection.ClientNotification));
        Methods(definitions["ServerNotification"]!).Should().Equal(CatalogueMethods(MessageDirection.ServerNotification));
        definitions["ClientRequestResults"]!["properties"]!.AsObject().Select(p => p.Key).Should().Equal(CatalogueMethods(MessageDirection.ClientRequest));
    }

    [Fact]
    public void BundleClientRequest_Params_RequiredUnlessTheCatalogueSaysOptional()
    {
        var branches = Bundle["definitions"]!["ClientRequest"]!["oneOf"]!.AsArray().Select(b => b!.AsObject()).ToList();

        foreach (var method in ProtocolCatalog.Methods.Where(m => m.Direction == MessageDirection.ClientRequest))
        {
            var branch = branches.Single(b => Values(b["properties"]!["method"]!).Single() == method.Method);
            Required(branch).Contains("params").Should().Be(!method.ParamsOptional, method.Method);
        }
    }

    [Fact]
    public void JsonRpcError_Codes_AreErrorCodesAndDataIsForbidden()
    {
        var schema = s_files["JsonRpcError.json"];

        schema["properties"]!["code"]!["enum"]!.AsArray().Select(c => c!.GetValue<int>())
            .Should().BeEquivalentTo([ErrorCodes.ParseError, ErrorCodes.InvalidRequest, ErrorCodes.MethodNotFound, ErrorCodes.InvalidParams, ErrorCodes.InternalError, ErrorCodes.Overloaded, ErrorCodes.RequestCanceled]);
        schema["properties"]!.AsObject().Should().NotContainKey("data");
        schema["additionalProperties"]!.GetValue<bool>().Should().BeFalse();
    }

    private static List<string> Required(JsonObject schema) =>
        schema["required"] is JsonArray required ? [.. required.Select(r => r!.GetValue<string>())] : [];

    private static List<string> Values(JsonNode schema) => [.. schema["enum"]!.AsArray().Select(v => v!.GetValue<string>())];

    private static List<string> Methods(JsonNode union) =>
        [.. union["oneOf"]!.AsArray().Select(b => Values(b!["properties"]!["method"]!).Single())];

    private static List<string> CatalogueMethods(MessageDirection direction) =>
        [.. ProtocolCatalog.Methods.Where(m => m.Direction == direction).Select(m => m.Method)];
}
