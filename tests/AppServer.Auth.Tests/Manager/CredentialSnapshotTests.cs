using System.Security.Cryptography;
using System.Text.Json;
using AppServer.Auth.Manager;
using AppServer.Auth.Storage;
using AppServer.Auth.Tests.Manager.Support;

namespace AppServer.Auth.Tests.Manager;

/// <summary>Snapshot identity is the SHA-256 of the serialized record (docs/codex-compatibility.md §4.2: any difference is a new snapshot).</summary>
public sealed class CredentialSnapshotTests
{
    private static readonly DateTimeOffset s_now = TestRecords.Now;

    private static readonly Dictionary<string, Func<AuthRecord, AuthRecord>> s_singleFieldChanges = new(StringComparer.Ordinal)
    {
        { "last_refresh + 1 tick", r => r with { LastRefresh = r.LastRefresh!.Value.AddTicks(1) } },
        { "last_refresh removed", r => r with { LastRefresh = null } },
        { "access_token", r => r with { Tokens = r.Tokens! with { AccessToken = "at-other" } } },
        { "refresh_token", r => r with { Tokens = r.Tokens! with { RefreshToken = "rt-other" } } },
        { "id_token", r => r with { Tokens = r.Tokens! with { IdToken = TestRecords.ChatGpt(userId: "user-other").Tokens!.IdToken } } },
        { "account_id", r => r with { Tokens = r.Tokens! with { AccountId = "acct_other" } } },
        { "account_id null", r => r with { Tokens = r.Tokens! with { AccountId = null } } },
        { "auth_mode absent", r => r with { ExplicitMode = null } },
        { "OPENAI_API_KEY", r => r with { ApiKey = "sk-extra" } },
        { "unknown field", r => r with { UnknownFields = new Dictionary<string, JsonElement> { ["x"] = JsonDocument.Parse("1").RootElement } } },
    };

    public static TheoryData<string> SingleFieldChanges() => new(s_singleFieldChanges.Keys);

    [Fact]
    public void Fingerprint_Always_IsSha256OfTheSerializedRecord()
    {
        // Arrange
        var record = TestRecords.ChatGpt();

        // Act
        var snapshot = CredentialSnapshot.FromDisk(record);

        // Assert
        snapshot.Fingerprint.Should().Be(Convert.ToHexString(SHA256.HashData(AuthJsonCodec.Serialize(record))));
    }

    [Fact]
    public void HasSameContent_EqualRecordsWithDifferentOrigins_IsTrue()
    {
        // Arrange
        var record = TestRecords.ChatGpt();
        CredentialSnapshot[] snapshots =
        [
            CredentialSnapshot.FromDisk(record),
            CredentialSnapshot.FromLogin(record),
            CredentialSnapshot.Adopted(record, s_now),
            CredentialSnapshot.Refreshed(record, s_now, unsaved: true),
            CredentialSnapshot.FromDisk(AuthJsonCodec.Parse(AuthJsonCodec.Serialize(record))),
        ];

        // Assert
        snapshots.Should().OnlyContain(s => s.HasSameContent(snapshots[0]));
    }

    [Theory]
    [MemberData(nameof(SingleFieldChanges))]
    public void HasSameContent_AnySingleFieldChanged_IsFalse(string field)
    {
        // Arrange
        var record = TestRecords.ChatGpt();
        var original = CredentialSnapshot.FromDisk(record);

        // Act
        var changed = CredentialSnapshot.FromDisk(s_singleFieldChanges[field](record));

        // Assert
        changed.HasSameContent(original).Should().BeFalse(field);
    }

    [Fact]
    public void None_Always_HasNoRecordAndNoBearer()
    {
        // Assert
        CredentialSnapshot.None.IsNone.Should().BeTrue();
        CredentialSnapshot.None.Fingerprint.Should().BeEmpty();
        CredentialSnapshot.None.BearerToken.Should().BeNull();
        CredentialSnapshot.None.IsManagedChatGpt.Should().BeFalse();
        CredentialSnapshot.None.HasSameContent(CredentialSnapshot.None).Should().BeTrue();
        CredentialSnapshot.None.HasSameContent(CredentialSnapshot.FromDisk(TestRecords.ChatGpt())).Should().BeFalse();
    }

    [Fact]
    public void BearerToken_PerMode_FollowsContract()
    {
        // Arrange
        var apiKey = CredentialSnapshot.FromLogin(new AuthRecord { ExplicitMode = CredentialMode.ApiKey, ApiKey = "sk-test" });
        var chatGpt = CredentialSnapshot.FromDisk(TestRecords.ChatGpt("at-1"));
        var noLastRefresh = CredentialSnapshot.FromDisk(TestRecords.ChatGpt("at-1") with { LastRefresh = null });

        // Assert
        apiKey.BearerToken.Should().Be("sk-test");
        chatGpt.BearerToken.Should().Be("at-1");
        noLastRefresh.BearerToken.Should().BeNull();
    }

    [Fact]
    public void Refreshed_Always_RecordsWhenObtainedAndSkewFromIat()
    {
        // Arrange
        var iat = s_now.AddMinutes(-10);
        var record = TestRecords.ChatGpt(TestRecords.AccessToken(iat.AddHours(1), iat));

        // Act
        var snapshot = CredentialSnapshot.Refreshed(record, s_now, unsaved: true);

        // Assert
        snapshot.Origin.Should().Be(SnapshotOrigin.Refresh);
        snapshot.ObtainedAt.Should().Be(s_now);
        snapshot.ClockSkew.Should().Be(TimeSpan.FromMinutes(10));
        snapshot.Unsaved.Should().BeTrue();
        snapshot.AccessTokenIssuedAt.Should().Be(iat);
        snapshot.AccessTokenExpiry.Should().Be(iat.AddHours(1));
    }

    [Fact]
    public void Refreshed_OpaqueAccessToken_HasNoSkewOrExpiry()
    {
        // Act
        var snapshot = CredentialSnapshot.Refreshed(TestRecords.ChatGpt("at-opaque"), s_now, unsaved: false);

        // Assert
        snapshot.ClockSkew.Should().Be(TimeSpan.Zero);
        snapshot.AccessTokenExpiry.Should().BeNull();
        snapshot.AccessTokenIssuedAt.Should().BeNull();
    }

    [Fact]
    public void AsSaved_UnsavedSnapshot_KeepsEverythingButTheFlag()
    {
        // Arrange
        var iat = s_now.AddDays(-1);
        var unsaved = CredentialSnapshot.Refreshed(TestRecords.ChatGpt(TestRecords.AccessToken(iat.AddHours(1), iat)), s_now, unsaved: true);

        // Act
        var saved = unsaved.AsSaved();

        // Assert
        saved.Unsaved.Should().BeFalse();
        saved.Should().BeEquivalentTo(unsaved, o => o.Excluding(s => s.Unsaved));
    }

    [Fact]
    public void Adopted_Always_IsObtainedNowWithoutSkew()
    {
        // Act
        var snapshot = CredentialSnapshot.Adopted(TestRecords.ChatGpt(), s_now);

        // Assert
        snapshot.Origin.Should().Be(SnapshotOrigin.Adopted);
        snapshot.ObtainedAt.Should().Be(s_now);
        snapshot.ClockSkew.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void FromDiskAndLogin_Always_HaveNoObtainedAt()
    {
        // Assert
        CredentialSnapshot.FromDisk(TestRecords.ChatGpt()).ObtainedAt.Should().BeNull();
        CredentialSnapshot.FromLogin(TestRecords.ChatGpt()).ObtainedAt.Should().BeNull();
    }

    [Fact]
    public void IsManagedChatGpt_PerKind_OnlyChatGptWithTokens()
    {
        // Arrange
        var chatGpt = TestRecords.ChatGpt();

        // Assert
        CredentialSnapshot.FromDisk(chatGpt).IsManagedChatGpt.Should().BeTrue();
        CredentialSnapshot.FromDisk(chatGpt with { ExplicitMode = null }).IsManagedChatGpt.Should().BeTrue();
        CredentialSnapshot.FromDisk(chatGpt with { Tokens = null }).IsManagedChatGpt.Should().BeFalse();
        CredentialSnapshot.FromDisk(chatGpt with { ExplicitMode = null, ApiKey = "sk-legacy" }).IsManagedChatGpt.Should().BeFalse();
        var external = CredentialSnapshot.FromExternal(chatGpt with { ExplicitMode = CredentialMode.ChatGptAuthTokens });
        external.IsManagedChatGpt.Should().BeFalse();
        external.IsExternal.Should().BeTrue();
    }
}
