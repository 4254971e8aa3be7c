using System.Net;
using System.Net.Sockets;
using AppServer.DevIssuer.Tests.Support;

namespace AppServer.DevIssuer.Tests;

public sealed class BindingTests
{
    [Fact]
    public async Task StartAsync_Defaults_ListensOnIpv4LoopbackEphemeralPort()
    {
        await using var issuer = await MockIssuer.StartAsync();

        issuer.BaseUri.Host.Should().Be("127.0.0.1");
        issuer.BaseUri.Port.Should().BePositive();
        issuer.Issuer.Should().Be($"http://127.0.0.1:{issuer.BaseUri.Port}");
        issuer.TokenEndpoint.Should().Be(new Uri($"http://127.0.0.1:{issuer.BaseUri.Port}/oauth/token"));
    }

    [Fact]
    public async Task StartAsync_Defaults_RefusesConnectionsOnIpv6Loopback()
    {
        await using var issuer = await MockIssuer.StartAsync();
        using var client = new TcpClient(AddressFamily.InterNetworkV6);

        var act = () => client.ConnectAsync(IPAddress.IPv6Loopback, issuer.BaseUri.Port);

        await act.Should().ThrowAsync<SocketException>();
    }

    [Fact]
    public async Task StartAsync_GivenPort_ListensOnThatPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        await using var issuer = await MockIssuer.StartAsync(new MockIssuerOptions { Port = port });
        using var http = IssuerHttp.ClientFor(issuer);
        using var response = await http.GetAsync("/__admin/stats");

        issuer.BaseUri.Port.Should().Be(port);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task StartAsync_PortInUse_Throws()
    {
        await using var first = await MockIssuer.StartAsync();

        var act = () => MockIssuer.StartAsync(new MockIssuerOptions { Port = first.BaseUri.Port });

        await act.Should().ThrowAsync<IOException>();
    }

    [Fact]
    public async Task DisposeAsync_Twice_IsHarmless()
    {
        var issuer = await MockIssuer.StartAsync();

        await issuer.DisposeAsync();
        await issuer.DisposeAsync();

        using var client = new TcpClient(AddressFamily.InterNetwork);
        await FluentActions.Awaiting(() => client.ConnectAsync(IPAddress.Loopback, issuer.BaseUri.Port))
            .Should().ThrowAsync<SocketException>();
    }
}
