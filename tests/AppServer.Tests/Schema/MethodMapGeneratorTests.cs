using AppServer.Protocol;
using AppServer.Dev.Schema;

namespace AppServer.Tests.Schema;

/// <summary>methods.ts names every catalogue method once, with the types the TypeScript file declares.</summary>
public sealed class MethodMapGeneratorTests
{
    private static readonly string s_text = MethodMapGenerator.Generate().Content;

    [Theory]
    [InlineData("account/login/start", "accountLoginStart")]
    [InlineData("account/read", "accountRead")]
    [InlineData("getAuthStatus", "getAuthStatus")]
    [InlineData("initialize", "initialize")]
    public void CamelCaseName_OfAMethod_JoinsItsSegments(string method, string expected)
    {
        MethodMapGenerator.CamelCaseName(method).Should().Be(expected);
    }

    [Fact]
    public void Generate_EveryCatalogueMethod_AppearsInItsMapAndNameTable()
    {
        foreach (var method in ProtocolCatalog.Methods)
        {
            var key = method.Method.Contains('/', StringComparison.Ordinal) ? $"\"{method.Method}\"" : method.Method;
            s_text.Should().Contain($"  {key}: ", $"{method.Method} must be in methods.ts");
            if (method.Direction != MessageDirection.ClientNotification)
            {
                s_text.Should().Contain($"  {key}: \"{MethodMapGenerator.CamelCaseName(method.Method)}\",");
            }
        }
    }

    [Fact]
    public void Generate_ARequest_NamesItsParamsAndResultTypes()
    {
        s_text.Should().Contain("  getAuthStatus: { params: Protocol.GetAuthStatusParams; result: Protocol.GetAuthStatusResponse };");
        s_text.Should().Contain("  \"account/read\": { params: Protocol.GetAccountParams | undefined; result: Protocol.GetAccountResponse };");
    }

    [Fact]
    public void Generate_TwoMethodsWithOneCamelCaseName_Throws()
    {
        MethodDescriptor[] clashing =
        [
            new("account/read", MessageDirection.ClientRequest, "v2", null, true, typeof(GetAccountResponse), "a"),
            new("accountRead", MessageDirection.ClientRequest, "v1", null, true, typeof(GetAccountResponse), "b"),
        ];

        var generate = () => MethodMapGenerator.Generate(clashing);

        generate.Should().Throw<InvalidOperationException>().WithMessage("*'account/read'*'accountRead'*accountRead*");
    }
}
