using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AppServer.Hosting;
using AppServer.Protocol;
using FluentAssertions;

namespace AppServer.Tests.Hosting;

/// <summary>
/// The start-up warm-up builds the contracts of a client's first exchange and leaves them where
/// the handlers look them up. A fresh context is used, so nothing another test built beforehand
/// can make these pass.
/// </summary>
public sealed class ContractWarmupTests
{
    private static readonly Type[] s_firstExchange =
    [
        typeof(InitializeParams), typeof(InitializeResponse),
        typeof(GetAuthStatusParams), typeof(GetAuthStatusResponse),
        typeof(GetAccountParams), typeof(GetAccountResponse),
    ];

    [Fact]
    public void Prime_FreshContext_ConfiguresEveryContractOfTheFirstExchange()
    {
        var protocol = new ProtocolJsonContext(new JsonSerializerOptions());

        var built = ContractWarmup.Prime(protocol);

        built.Select(contract => contract.Type).Should().Equal(s_firstExchange);
        built.Should().OnlyContain(contract => contract.IsReadOnly, "a contract is read-only once it is configured");
    }

    [Fact]
    public void Prime_FreshContext_LeavesTheContractsWhereTheHandlersLookThemUp()
    {
        var protocol = new ProtocolJsonContext(new JsonSerializerOptions());

        var built = ContractWarmup.Prime(protocol);

        built.Should().Equal(s_firstExchange.Select(protocol.Options.GetTypeInfo), ReferenceEquals);
    }

    [Fact]
    public void ResolverContract_WithoutTheOptionsCache_IsNotYetConfigured()
    {
        // The contrast that gives IsReadOnly its meaning above: a contract the context hands out
        // without going through its options' cache is not configured yet.
        var protocol = new ProtocolJsonContext(new JsonSerializerOptions());

        var unconfigured = ((IJsonTypeInfoResolver)protocol).GetTypeInfo(typeof(InitializeParams), protocol.Options);

        unconfigured!.IsReadOnly.Should().BeFalse();
    }
}
