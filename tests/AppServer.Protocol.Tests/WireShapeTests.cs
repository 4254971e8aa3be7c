using System.Text.Json;
using AppServer.Protocol;

namespace AppServer.Protocol.Tests;

/// <summary>The records serialize exactly as the contract spells the wire (docs/codex-compatibility.md §4.5, §7).</summary>
public sealed class WireShapeTests
{
    [Fact]
    public void GetAuthStatusResponse_WithoutFailure_WritesAllThreeMembersAndNoRefreshFailure()
    {
        var json = JsonSerializer.Serialize(new GetAuthStatusResponse(null, null, true), ProtocolJsonContext.Default.GetAuthStatusResponse);

        json.Should().Be("""{"authMethod":null,"authToken":null,"requiresOpenaiAuth":true}""");
    }

    [Fact]
    public void GetAuthStatusResponse_Poisoned_AddsRefreshFailureWithLowercaseReason()
    {
        var response = new GetAuthStatusResponse(AuthMode.ChatGpt, null, true, new RefreshFailure(RefreshFailureReason.Exhausted, "m"));

        var json = JsonSerializer.Serialize(response, ProtocolJsonContext.Default.GetAuthStatusResponse);

        json.Should().Be("""{"authMethod":"chatgpt","authToken":null,"requiresOpenaiAuth":true,"refreshFailure":{"reason":"exhausted","message":"m"}}""");
    }

    [Theory]
    [InlineData(AuthMode.ApiKey, "\"apikey\"")]
    [InlineData(AuthMode.ChatGpt, "\"chatgpt\"")]
    [InlineData(AuthMode.ChatGptAuthTokens, "\"chatgptAuthTokens\"")]
    public void AuthMode_UsesTheOnDiskSpelling(AuthMode mode, string expected) =>
        JsonSerializer.Serialize(mode, ProtocolJsonContext.Default.AuthMode).Should().Be(expected);

    [Theory]
    [InlineData(PlanType.SelfServeBusinessUsageBased, "\"self_serve_business_usage_based\"")]
    [InlineData(PlanType.EnterpriseCbpUsageBased, "\"enterprise_cbp_usage_based\"")]
    [InlineData(PlanType.Unknown, "\"unknown\"")]
    public void PlanType_UsesSnakeCaseWireNames(PlanType plan, string expected) =>
        JsonSerializer.Serialize(plan, ProtocolJsonContext.Default.PlanType).Should().Be(expected);

    [Fact]
    public void Account_IsTaggedByTypeWithCamelCaseApiKey()
    {
        JsonSerializer.Serialize(new GetAccountResponse(new ApiKeyAccount(), true), ProtocolJsonContext.Default.GetAccountResponse)
            .Should().Be("""{"account":{"type":"apiKey"},"requiresOpenaiAuth":true}""");
        JsonSerializer.Serialize(new GetAccountResponse(new ChatGptAccount("a@b.c", PlanType.Pro), true), ProtocolJsonContext.Default.GetAccountResponse)
            .Should().Be("""{"account":{"type":"chatgpt","email":"a@b.c","planType":"pro"},"requiresOpenaiAuth":true}""");
    }

    [Fact]
    public void LoginAccountParams_TypeMayComeAfterOtherMembers()
    {
        var parsed = JsonSerializer.Deserialize("""{"apiKey":"sk-x","type":"apiKey"}""", ProtocolJsonContext.Default.LoginAccountParams);

        parsed.Should().Be(new ApiKeyLoginParams("sk-x"));
    }

    [Fact]
    public void LoginAccountParams_UnknownType_IsRejected()
    {
        var parse = () => JsonSerializer.Deserialize("""{"type":"magic"}""", ProtocolJsonContext.Default.LoginAccountParams);

        parse.Should().Throw<JsonException>();
    }

    [Fact]
    public void CancelStatus_IsSpelledWithOneL()
    {
        JsonSerializer.Serialize(new CancelLoginAccountResponse(CancelLoginStatus.Canceled), ProtocolJsonContext.Default.CancelLoginAccountResponse)
            .Should().Be("""{"status":"canceled"}""");
    }

    [Fact]
    public void GetAuthStatusParams_NumberForBoolean_IsRejected()
    {
        var parse = () => JsonSerializer.Deserialize("""{"includeToken":1}""", ProtocolJsonContext.Default.GetAuthStatusParams);

        parse.Should().Throw<JsonException>();
    }

    [Fact]
    public void InitializeParams_MissingClientInfo_IsRejected_AndUnknownMembersAreIgnored()
    {
        var missing = () => JsonSerializer.Deserialize("""{"capabilities":{}}""", ProtocolJsonContext.Default.InitializeParams);
        var extra = JsonSerializer.Deserialize("""{"clientInfo":{"name":"n","version":"1","extra":true},"future":1}""", ProtocolJsonContext.Default.InitializeParams);

        missing.Should().Throw<JsonException>();
        extra!.ClientInfo.Should().Be(new ClientInfo("n", "1"));
    }
}
