using AppServer.Auth.Refresh;
using AppServer.DevIssuer;

namespace AppServer.Tests.Transport;

/// <summary>Points a server at a loopback mock issuer, with short backoff (as IssuerServerFixture does).</summary>
internal static class IssuerSettings
{
    public static AppServerSettings UseIssuer(this AppServerSettings settings, MockIssuer issuer) => settings with
    {
        Refresh = new TokenRefreshOptions { TokenEndpoint = () => issuer.TokenEndpoint, BaseBackoff = TimeSpan.FromMilliseconds(5), AttemptTimeout = TimeSpan.FromSeconds(10) },
    };
}
