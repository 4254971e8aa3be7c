namespace AppServer.Auth.Tests.Manager.Support;

/// <summary>
/// Another party's clock, derived from the test clock: <c>inner.GetUtcNow() + offset</c>. The mock
/// issuer mints <c>iat</c>/<c>exp</c> on it, so advancing the test clock advances both, and the
/// local clock stays exactly <c>-offset</c> ahead of the issuer.
/// </summary>
internal sealed class OffsetTimeProvider(TimeProvider inner, TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + offset;
}
