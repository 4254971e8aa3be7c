using AppServer.Auth.Manager;
using AppServer.Auth.Tests.Manager.Support;

namespace AppServer.Auth.Tests.Manager;

/// <summary>Same identity = same account_id AND same chatgpt_user_id; a record with neither matches nothing.</summary>
public sealed class CredentialIdentityTests
{
    [Theory]
    [InlineData("acct_1", "user-1", "acct_1", "user-1", true)]
    [InlineData("acct_1", "user-1", "acct_2", "user-1", false)]
    [InlineData("acct_1", "user-1", "acct_1", "user-2", false)]
    [InlineData("acct_1", "user-1", null, "user-1", false)]
    [InlineData(null, "user-1", null, "user-1", true)]
    [InlineData(null, "user-1", "acct_1", "user-1", false)]
    [InlineData("acct_1", null, "acct_1", null, true)]
    [InlineData("acct_1", null, "acct_1", "user-1", false)]
    [InlineData(null, null, null, null, false)]
    public void AreSame_AccountAndUser_MustBothMatch(string? cachedAccount, string? cachedUser, string? diskAccount, string? diskUser, bool expected)
    {
        // Arrange
        var cached = TestRecords.ChatGpt(accountId: cachedAccount, userId: cachedUser);
        var onDisk = TestRecords.ChatGpt(accessToken: "at-other", accountId: diskAccount, userId: diskUser, refreshToken: "rt-other");

        // Act
        var same = CredentialIdentity.AreSame(cached, onDisk);

        // Assert
        same.Should().Be(expected);
    }

    [Fact]
    public void AreSame_EitherSideWithoutTokens_IsFalse()
    {
        // Arrange
        var record = TestRecords.ChatGpt();

        // Assert
        CredentialIdentity.AreSame(record, record with { Tokens = null }).Should().BeFalse();
        CredentialIdentity.AreSame(record with { Tokens = null }, record).Should().BeFalse();
    }

    [Fact]
    public void AreSame_AccountIdDiffersOnlyInCase_IsFalse()
    {
        // Assert
        CredentialIdentity.AreSame(TestRecords.ChatGpt(accountId: "acct_a"), TestRecords.ChatGpt(accountId: "ACCT_A")).Should().BeFalse();
    }
}
