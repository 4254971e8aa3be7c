using AppServer.Auth.Manager;
using AppServer.Auth.Storage;
using AppServer.Auth.Tests.Manager.Support;

namespace AppServer.Auth.Tests.Manager;

/// <summary>
/// The staleness rule, pinned: with an <c>exp</c>, due when <c>now - skew >= exp - window</c>, window =
/// min(5 min, (exp - iat) / 2); with none, due when <c>last_refresh</c> is strictly older than 8 days.
/// </summary>
public sealed class StalenessTests
{
    private static readonly AuthManagerOptions s_options = new();
    private static readonly DateTimeOffset s_now = TestRecords.Now;

    [Theory]
    [InlineData(300, true)]
    [InlineData(301, false)]
    [InlineData(0, true)]
    [InlineData(-3_600, true)]
    [InlineData(3_600, false)]
    public void IsStale_OneHourToken_DueFiveMinutesBeforeExp(int secondsUntilExp, bool expected)
    {
        // Arrange
        var exp = s_now.AddSeconds(secondsUntilExp);
        var snapshot = FromDisk(TestRecords.AccessToken(exp, exp.AddHours(-1)));

        // Act
        var stale = Staleness.IsStale(snapshot, s_now, s_options);

        // Assert
        stale.Should().Be(expected);
    }

    [Theory]
    [InlineData(60, 30, true)]
    [InlineData(60, 31, false)]
    [InlineData(600, 300, true)]
    [InlineData(600, 301, false)]
    [InlineData(601, 300, true)]
    [InlineData(601, 301, false)]
    public void IsStale_ShortLivedToken_WindowIsHalfTheLifetime(int lifetimeSeconds, int secondsUntilExp, bool expected)
    {
        // Arrange
        var exp = s_now.AddSeconds(secondsUntilExp);
        var snapshot = FromDisk(TestRecords.AccessToken(exp, exp.AddSeconds(-lifetimeSeconds)));

        // Act
        var stale = Staleness.IsStale(snapshot, s_now, s_options);

        // Assert
        stale.Should().Be(expected);
    }

    [Theory]
    [InlineData(300, true)]
    [InlineData(301, false)]
    public void IsStale_TokenWithoutIat_UsesTheFullWindow(int secondsUntilExp, bool expected)
    {
        // Arrange
        var snapshot = FromDisk(TestRecords.AccessToken(s_now.AddSeconds(secondsUntilExp)));

        // Act
        var stale = Staleness.IsStale(snapshot, s_now, s_options);

        // Assert
        stale.Should().Be(expected);
    }

    [Fact]
    public void IsStale_IatAfterExp_UsesTheFullWindow()
    {
        // Arrange
        var exp = s_now.AddSeconds(300);
        var snapshot = FromDisk(TestRecords.AccessToken(exp, exp.AddHours(1)));

        // Act
        var stale = Staleness.IsStale(snapshot, s_now, s_options);

        // Assert
        stale.Should().BeTrue();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public void IsStale_RefreshedSnapshotWithSkew_IsJudgedOnTheIssuerClock(int skewSign)
    {
        // The local clock is a day off; the refresh saw iat = local now - skew.
        // Arrange
        var skew = TimeSpan.FromDays(skewSign);
        var iat = s_now - skew;
        var record = TestRecords.ChatGpt(TestRecords.AccessToken(iat.AddHours(1), iat));
        var snapshot = CredentialSnapshot.Refreshed(record, s_now, unsaved: false);

        // Act
        var freshNow = Staleness.IsStale(snapshot, s_now, s_options);
        var justBefore = Staleness.IsStale(snapshot, s_now.AddMinutes(55).AddSeconds(-1), s_options);
        var atWindow = Staleness.IsStale(snapshot, s_now.AddMinutes(55), s_options);

        // Assert
        snapshot.ClockSkew.Should().Be(skew);
        freshNow.Should().BeFalse();
        justBefore.Should().BeFalse();
        atWindow.Should().BeTrue();
    }

    [Theory]
    [InlineData(8 * 86_400 - 3_600, false)]
    [InlineData(8 * 86_400, false)]
    [InlineData(8 * 86_400 + 1, true)]
    [InlineData(-86_400, false)]
    public void IsStale_NoExp_FollowsLastRefreshAge(int ageSeconds, bool expected)
    {
        // Arrange
        var snapshot = CredentialSnapshot.FromDisk(TestRecords.ChatGpt("at-opaque", s_now.AddSeconds(-ageSeconds)));

        // Act
        var stale = Staleness.IsStale(snapshot, s_now, s_options);

        // Assert
        stale.Should().Be(expected);
    }

    [Fact]
    public void IsStale_NoExpAndNoLastRefresh_IsNeverStale()
    {
        // Arrange
        var snapshot = CredentialSnapshot.FromDisk(TestRecords.ChatGpt("at-opaque") with { LastRefresh = null });

        // Act
        var stale = Staleness.IsStale(snapshot, s_now.AddYears(10), s_options);

        // Assert
        stale.Should().BeFalse();
    }

    [Fact]
    public void IsStale_ExpPresent_IgnoresAncientLastRefresh()
    {
        // Arrange
        var exp = s_now.AddHours(1);
        var snapshot = CredentialSnapshot.FromDisk(TestRecords.ChatGpt(TestRecords.AccessToken(exp, exp.AddHours(-1)), s_now.AddDays(-30)));

        // Act
        var stale = Staleness.IsStale(snapshot, s_now, s_options);

        // Assert
        stale.Should().BeFalse();
    }

    [Fact]
    public void IsStale_NotManagedChatGpt_IsNeverStale()
    {
        // Arrange
        var expired = TestRecords.ChatGpt(TestRecords.AccessToken(s_now.AddDays(-1)), s_now.AddDays(-30));
        CredentialSnapshot[] snapshots =
        [
            CredentialSnapshot.None,
            CredentialSnapshot.FromLogin(new AuthRecord { ExplicitMode = CredentialMode.ApiKey, ApiKey = "sk-test" }),
            CredentialSnapshot.FromExternal(expired with { ExplicitMode = CredentialMode.ChatGptAuthTokens }),
            CredentialSnapshot.FromDisk(expired with { Tokens = null }),
        ];

        // Act
        var stale = snapshots.Select(s => Staleness.IsStale(s, s_now, s_options));

        // Assert
        stale.Should().OnlyContain(s => !s);
    }

    [Fact]
    public void IsStale_CustomOptions_AreHonoured()
    {
        // Arrange
        var options = new AuthManagerOptions { ExpiryWindow = TimeSpan.FromMinutes(1), FallbackRefreshInterval = TimeSpan.FromDays(1) };
        var exp = s_now.AddSeconds(61);
        var withExp = FromDisk(TestRecords.AccessToken(exp, exp.AddHours(-1)));
        var withoutExp = CredentialSnapshot.FromDisk(TestRecords.ChatGpt("at-opaque", s_now.AddDays(-1).AddSeconds(-1)));

        // Act
        var expStale = Staleness.IsStale(withExp, s_now, options);
        var expStaleLater = Staleness.IsStale(withExp, s_now.AddSeconds(1), options);
        var fallbackStale = Staleness.IsStale(withoutExp, s_now, options);

        // Assert
        expStale.Should().BeFalse();
        expStaleLater.Should().BeTrue();
        fallbackStale.Should().BeTrue();
    }

    private static CredentialSnapshot FromDisk(string accessToken) => CredentialSnapshot.FromDisk(TestRecords.ChatGpt(accessToken));
}
