using System.Text.RegularExpressions;
using AppServer.Auth.Login;
using IssuerPkce = AppServer.DevIssuer.Pkce;

namespace AppServer.Auth.Tests.Login;

public sealed partial class PkceTests
{
    [Fact]
    public void CreateVerifier_Always_Is86Base64UrlCharactersWithoutPadding()
    {
        // Act
        string verifier = Pkce.CreateVerifier();

        // Assert
        verifier.Should().HaveLength(86).And.MatchRegex(Base64Url());
    }

    [Fact]
    public void CreateState_Always_Is43Base64UrlCharactersAndUnique()
    {
        // Act
        string first = Pkce.CreateState();
        string second = Pkce.CreateState();

        // Assert
        first.Should().HaveLength(43).And.MatchRegex(Base64Url());
        first.Should().NotBe(second);
    }

    [Fact]
    public void ComputeChallenge_Verifier_IsS256AsTheIssuerChecksIt()
    {
        // Arrange
        string verifier = Pkce.CreateVerifier();

        // Act
        string challenge = Pkce.ComputeChallenge(verifier);

        // Assert
        challenge.Should().HaveLength(43);
        IssuerPkce.Matches(verifier, challenge).Should().BeTrue();
    }

    [Fact]
    public void ComputeChallenge_Rfc7636AppendixB_MatchesPublishedValue()
    {
        // Act
        string challenge = Pkce.ComputeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

        // Assert
        challenge.Should().Be("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex Base64Url();
}
