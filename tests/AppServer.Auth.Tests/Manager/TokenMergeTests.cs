using System.Text.Json;
using AppServer.Auth.Manager;
using AppServer.Auth.Refresh;
using AppServer.Auth.Tests.Manager.Support;
using AppServer.Auth.Tests.TestSupport;

namespace AppServer.Auth.Tests.Manager;

/// <summary>Applying a refresh response (docs/codex-compatibility.md §2.2, DISK-08).</summary>
public sealed class TokenMergeTests
{
    private static readonly DateTimeOffset s_now = TestRecords.Now.AddHours(1);

    [Fact]
    public void Apply_AllTokens_ReplacesThemAndReparsesClaimsButKeepsAccountId()
    {
        // Arrange
        var record = TestRecords.ChatGpt();
        var newIdToken = TestJwt.IdToken(email: "new@example.com", plan: "pro", userId: "user-123", accountId: "acct_999");

        // Act
        var merged = TokenMerge.Apply(record, new TokenResponse(newIdToken, "at-new", "rt-new"), s_now, out var rejected);

        // Assert
        rejected.Should().BeFalse();
        merged.Tokens!.IdToken.Should().Be(newIdToken);
        merged.Tokens.IdClaims.Email.Should().Be("new@example.com");
        merged.Tokens.IdClaims.PlanType.Should().Be("pro");
        merged.Tokens.AccessToken.Should().Be("at-new");
        merged.Tokens.RefreshToken.Should().Be("rt-new");
        merged.Tokens.AccountId.Should().Be("acct_123");
        merged.LastRefresh.Should().Be(s_now);
    }

    [Fact]
    public void Apply_NoIdToken_KeepsRawIdTokenAndClaims()
    {
        // Arrange
        var record = TestRecords.ChatGpt();

        // Act
        var merged = TokenMerge.Apply(record, new TokenResponse(null, "at-new", "rt-new"), s_now, out var rejected);

        // Assert
        rejected.Should().BeFalse();
        merged.Tokens!.IdToken.Should().Be(record.Tokens!.IdToken);
        merged.Tokens.IdClaims.Should().Be(record.Tokens.IdClaims);
    }

    [Fact]
    public void Apply_IdTokenNotJwt_KeepsOldIdTokenAppliesTheRestAndReportsIt()
    {
        // Arrange
        var record = TestRecords.ChatGpt();

        // Act
        var merged = TokenMerge.Apply(record, new TokenResponse("not-a-jwt", "at-new", "rt-new"), s_now, out var rejected);

        // Assert
        rejected.Should().BeTrue();
        merged.Tokens!.IdToken.Should().Be(record.Tokens!.IdToken);
        merged.Tokens.AccessToken.Should().Be("at-new");
        merged.Tokens.RefreshToken.Should().Be("rt-new");
    }

    [Fact]
    public void Apply_NoRefreshToken_KeepsTheStoredOne()
    {
        // Arrange
        var record = TestRecords.ChatGpt(refreshToken: "rt-kept");

        // Act
        var merged = TokenMerge.Apply(record, new TokenResponse(null, "at-new", null), s_now, out _);

        // Assert
        merged.Tokens!.RefreshToken.Should().Be("rt-kept");
        merged.Tokens.AccessToken.Should().Be("at-new");
    }

    [Fact]
    public void Apply_RecordWithUnknownFields_PreservesThem()
    {
        // Arrange
        var topLevel = new Dictionary<string, JsonElement> { ["extra"] = JsonDocument.Parse("\"kept\"").RootElement };
        var tokenLevel = new Dictionary<string, JsonElement> { ["extra_token"] = JsonDocument.Parse("1").RootElement };
        var plain = TestRecords.ChatGpt();
        var record = plain with { UnknownFields = topLevel, Tokens = plain.Tokens! with { UnknownFields = tokenLevel } };

        // Act
        var merged = TokenMerge.Apply(record, new TokenResponse(null, "at-new", "rt-new"), s_now, out _);

        // Assert
        merged.UnknownFields.Should().BeSameAs(topLevel);
        merged.Tokens!.UnknownFields.Should().BeSameAs(tokenLevel);
        merged.ExplicitMode.Should().Be(record.ExplicitMode);
    }

    [Fact]
    public void Apply_RecordWithoutTokens_Throws()
    {
        // Arrange
        var record = TestRecords.ChatGpt() with { Tokens = null };

        // Act
        var act = () => TokenMerge.Apply(record, new TokenResponse(null, "at-new", null), s_now, out _);

        // Assert
        act.Should().Throw<InvalidOperationException>();
    }
}
