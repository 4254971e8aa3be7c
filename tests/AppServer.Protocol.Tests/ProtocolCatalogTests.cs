using AppServer.Protocol;

namespace AppServer.Protocol.Tests;

/// <summary>The method catalogue drives schema, docs and validation; it must be internally consistent.</summary>
public sealed class ProtocolCatalogTests
{
    [Fact]
    public void MethodNames_AreUnique()
    {
        ProtocolCatalog.Methods.Select(m => m.Method).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void EveryRecordInTheCatalogue_HasSourceGeneratedMetadata()
    {
        var types = ProtocolCatalog.Methods.SelectMany(m => new[] { m.ParamsType, m.ResultType }).OfType<Type>().Distinct();

        foreach (var type in types)
        {
            ProtocolJsonContext.Default.GetTypeInfo(type).Should().NotBeNull(type.Name);
        }
    }

    [Fact]
    public void Requests_HaveResults_AndNotificationsDoNot()
    {
        ProtocolCatalog.Methods.Where(m => m.Direction == MessageDirection.ClientRequest).Should().OnlyContain(m => m.ResultType != null);
        ProtocolCatalog.Methods.Where(m => m.Direction != MessageDirection.ClientRequest).Should().OnlyContain(m => m.ResultType == null);
    }

    [Fact]
    public void EveryMethodConstant_IsInTheCatalogue()
    {
        var constants = typeof(Methods).GetFields().Select(f => (string)f.GetRawConstantValue()!);

        ProtocolCatalog.Methods.Select(m => m.Method).Should().BeEquivalentTo(constants);
    }
}
