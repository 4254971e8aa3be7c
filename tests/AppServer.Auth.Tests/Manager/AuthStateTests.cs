using AppServer.Auth.Manager;
using AppServer.Auth.Refresh;
using AppServer.Auth.Tests.Manager.Support;

namespace AppServer.Auth.Tests.Manager;

/// <summary>The poison and the cooldown sit beside the snapshot and vanish when its content changes.</summary>
public sealed class AuthStateTests
{
    private static readonly PermanentRefreshError s_poison = new(RefreshFailureKind.Revoked, RefreshMessages.Revoked);
    private static readonly TransientCooldown s_cooldown =
        new(TestRecords.Now.AddSeconds(15), new TransientRefreshError("Failed to refresh token: 503: down", 503, null), 1);

    [Fact]
    public void With_SameContent_KeepsPoisonAndCooldown()
    {
        // Arrange
        var record = TestRecords.ChatGpt();
        var state = new AuthState(CredentialSnapshot.FromDisk(record), s_poison, s_cooldown);
        var next = CredentialSnapshot.FromLogin(record);

        // Act
        var after = state.With(next);

        // Assert
        after.Snapshot.Should().BeSameAs(next);
        after.Poison.Should().Be(s_poison);
        after.Cooldown.Should().Be(s_cooldown);
    }

    [Fact]
    public void With_DifferentContent_StartsWithoutPoisonOrCooldown()
    {
        // Arrange
        var record = TestRecords.ChatGpt();
        var state = new AuthState(CredentialSnapshot.FromDisk(record), s_poison, s_cooldown);
        var next = CredentialSnapshot.FromDisk(record with { LastRefresh = record.LastRefresh!.Value.AddSeconds(1) });

        // Act
        var after = state.With(next);

        // Assert
        after.Should().Be(new AuthState(next));
    }

    [Fact]
    public void With_None_DropsPoison()
    {
        // Arrange
        var state = new AuthState(CredentialSnapshot.FromDisk(TestRecords.ChatGpt()), s_poison);

        // Act
        var after = state.With(CredentialSnapshot.None);

        // Assert
        after.Poison.Should().BeNull();
        after.Snapshot.IsNone.Should().BeTrue();
    }
}
