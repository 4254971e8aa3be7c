using System.Net.Http.Json;
using AppServer.Auth.Storage;
using AppServer.Auth.Tests.Manager.Support;

namespace AppServer.Auth.Tests.Storage;

/// <summary>The dev issuer's <c>/__admin/credentials</c> answers an auth.json a user can save as is.</summary>
public sealed class DevIssuerCredentialsFileTests
{
    [Fact]
    public async Task AdminCredentials_BodySavedAsAuthJson_LoadsAndIsLoggedIn()
    {
        // Arrange
        await using var harness = await ManagerHarness.StartAsync();
        using var http = new HttpClient { BaseAddress = harness.Issuer.BaseUri };

        // Act: exactly `curl -X POST …/__admin/credentials > auth.json`.
        using var response = await http.PostAsync("/__admin/credentials", JsonContent.Create(new { email = "saved@example.com" }));
        var body = await response.Content.ReadAsByteArrayAsync();
        File.WriteAllBytes(harness.AuthFilePath, body);
        var manager = harness.CreateManager();

        // Assert
        var record = AuthJsonCodec.Parse(body);
        record.Mode.Should().Be(CredentialMode.ChatGpt);
        record.LastRefresh.Should().NotBeNull();
        record.Tokens!.IdClaims.Email.Should().Be("saved@example.com");
        record.UnknownFields.Should().BeNullOrEmpty("every member is one auth.json knows");
        manager.Current.BearerToken.Should().Be(record.Tokens.AccessToken);
        (await manager.RefreshAsync(CancellationToken.None)).Error.Should().BeNull("the refresh token is live at the issuer");
    }
}
