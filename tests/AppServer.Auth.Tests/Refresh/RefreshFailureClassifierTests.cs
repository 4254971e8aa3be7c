using AppServer.Auth.Refresh;

namespace AppServer.Auth.Tests.Refresh;

public sealed class RefreshFailureClassifierTests
{
    public const string SentToken = "rt_sent_5d1e0c9b7a3f";

    /// <summary>
    /// docs/failure-modes.md §3.7 (HTTP-01..HTTP-12) and §3.8 (RESP-10, RESP-11), one row per case:
    /// id, status, body, expected permanent reason (<see langword="null"/> = transient).
    /// </summary>
    public static TheoryData<string, int, string, string?> Matrix => new()
    {
        { "HTTP-01", 401, """{"error":{"code":"refresh_token_expired"}}""", "Expired" },
        { "HTTP-02", 401, """{"error":{"code":"refresh_token_reused"}}""", "Exhausted" },
        { "HTTP-03", 401, """{"error":{"code":"refresh_token_invalidated"}}""", "Revoked" },
        { "HTTP-04", 401, """{"error":"refresh_token_reused"}""", "Exhausted" },
        { "HTTP-05", 401, """{"code":"REFRESH_TOKEN_EXPIRED"}""", "Expired" },
        { "HTTP-06 empty", 401, "", "Other" },
        { "HTTP-06 whitespace", 401, "  \n ", "Other" },
        { "HTTP-06 not JSON", 401, "Unauthorized", "Other" },
        { "HTTP-06 HTML", 401, "<html><body>401</body></html>", "Other" },
        { "HTTP-06 unknown code", 401, """{"error":{"code":"token_fell_in_a_lake"}}""", "Other" },
        { "HTTP-06 no code", 401, """{"error":{"message":"nope"}}""", "Other" },
        { "HTTP-06 invalid_grant", 401, """{"error":"invalid_grant"}""", "Other" },
        { "HTTP-07", 400, """{"error":"invalid_grant"}""", "Other" },
        { "HTTP-07 with description", 400, """{"error":"invalid_grant","error_description":"Invalid refresh token"}""", "Other" },
        { "HTTP-08", 400, """{"error":{"code":"refresh_token_reused"}}""", "Exhausted" },
        { "HTTP-09 expired", 400, """{"error":{"code":"refresh_token_expired"}}""", "Expired" },
        { "HTTP-09 invalidated", 400, """{"error":"refresh_token_invalidated"}""", "Revoked" },
        { "HTTP-09 invalid_refresh_token", 400, """{"error":{"code":"invalid_refresh_token"}}""", "Other" },
        { "HTTP-09 app_session_expired", 400, """{"error":{"code":"app_session_expired"}}""", "Other" },
        { "HTTP-09 upper case", 400, """{"error":"INVALID_GRANT"}""", "Other" },
        { "HTTP-09 top-level code", 400, """{"code":"refresh_token_reused"}""", "Exhausted" },
        { "HTTP-10", 400, """{"error":{"code":"invalid_request"}}""", null },
        { "HTTP-10 string", 400, """{"error":"unsupported_grant_type"}""", null },
        { "HTTP-10 empty", 400, "", null },
        { "HTTP-11", 403, """{"error":{"code":"unsupported_country_region_territory","message":"Country, region, or territory not supported"}}""", null },
        { "HTTP-11 terminal code", 403, """{"error":{"code":"refresh_token_expired"}}""", null },
        { "HTTP-11 WAF page", 403, "<html>Access denied</html>", null },
        { "HTTP-12", 408, "", null },
        { "HTTP-13", 429, """{"error":{"message":"Rate limit reached"}}""", null },
        { "HTTP-16 500", 500, "", null },
        { "HTTP-16 502", 502, "<html>Bad Gateway</html>", null },
        { "HTTP-16 503", 503, "Service Unavailable", null },
        { "HTTP-16 504", 504, """{"error":{"code":"refresh_token_reused"}}""", null },
        { "RESP-10 empty on 400", 400, "", null },
        { "RESP-10 not JSON on 400", 400, "invalid_grant", null },
        { "RESP-10 JSON array", 401, """[{"error":"refresh_token_expired"}]""", "Other" },
        { "RESP-10 JSON string", 400, "\"invalid_grant\"", null },
        { "RESP-10 error null", 401, """{"error":null,"code":"refresh_token_expired"}""", "Expired" },
        { "RESP-10 error.code wins", 401, """{"error":{"code":"refresh_token_reused"},"code":"refresh_token_expired"}""", "Exhausted" },
        { "RESP-10 non-string error.code", 401, """{"error":{"code":17},"code":"refresh_token_invalidated"}""", "Revoked" },
        { "RESP-10 truncated JSON", 401, """{"error":{"code":"refresh_token_exp""", "Other" },
        { "RESP-11 OpenAI API error", 400, """{"error":{"message":"Invalid 'refresh_token': empty string.","type":"invalid_request_error","param":"refresh_token","code":null}}""", null },
        { "RESP-11 message mentions code", 400, """{"message":"refresh_token_reused"}""", null },
        { "RESP-11 code prefix only", 400, """{"error":{"code":"refresh_token_reused_elsewhere"}}""", null },
        { "RESP-11 terminal code on 404", 404, """{"error":"invalid_grant"}""", null },
        { "RESP-11 terminal code on 409", 409, """{"error":{"code":"refresh_token_invalidated"}}""", null },
        { "RESP-11 app error on 401", 401, """{"error":{"message":"Missing scope","type":"invalid_request_error"}}""", "Other" },
        { "Turkish dotted I is not ASCII", 400, """{"error":"INVALİD_GRANT"}""", null },
        { "redirect not followed", 302, "", null },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Classify_StatusAndBody_MatchesFailureModesMatrix(string id, int status, string body, string? expectedReason)
    {
        // Act
        RefreshError error = RefreshFailureClassifier.Classify(status, body, retryAfter: null, SentToken);

        // Assert
        if (expectedReason is not null)
        {
            var reason = Enum.Parse<RefreshFailureKind>(expectedReason);
            error.Should().Be(new PermanentRefreshError(reason, RefreshMessages.For(reason)), because: id);
        }
        else
        {
            error.Should().BeOfType<TransientRefreshError>(because: id)
                .Which.StatusCode.Should().Be(status, because: id);
            error.Message.Should().StartWith($"Failed to refresh token: {status}: ", because: id);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Classify_TransientWithEmptyBody_SaysUnknownError(string? body)
    {
        // Act
        RefreshError error = RefreshFailureClassifier.Classify(500, body, null, SentToken);

        // Assert
        error.Message.Should().Be("Failed to refresh token: 500: Unknown error");
    }

    [Fact]
    public void Classify_TransientWithErrorMessage_UsesErrorMessage()
    {
        // Act
        RefreshError error = RefreshFailureClassifier.Classify(
            403, """{"error":{"code":"unsupported_country_region_territory","message":"Country, region, or territory not supported"}}""", null, SentToken);

        // Assert
        error.Message.Should().Be("Failed to refresh token: 403: Country, region, or territory not supported");
    }

    [Theory]
    [InlineData("""{"error":"server_error"}""")]
    [InlineData("""{"error":{"code":"x","message":42}}""")]
    [InlineData("""{"error":{"code":"x","message":"  "}}""")]
    [InlineData("upstream connect error or disconnect/reset before headers")]
    public void Classify_TransientWithoutUsableErrorMessage_UsesRawBody(string body)
    {
        // Act
        RefreshError error = RefreshFailureClassifier.Classify(502, body, null, SentToken);

        // Assert
        error.Message.Should().Be($"Failed to refresh token: 502: {body}");
    }

    [Fact]
    public void Classify_Transient_CarriesStatusAndRetryAfter()
    {
        // Act
        RefreshError error = RefreshFailureClassifier.Classify(429, "", TimeSpan.FromSeconds(7), SentToken);

        // Assert
        error.Should().Be(new TransientRefreshError("Failed to refresh token: 429: Unknown error", 429, TimeSpan.FromSeconds(7)));
    }

    [Theory]
    [InlineData("""{"error":{"message":"refresh token rt_sent_5d1e0c9b7a3f is unknown"}}""")]
    [InlineData("""{"error":"server_error","detail":"rt_sent_5d1e0c9b7a3f"}""")]
    [InlineData("bad token: rt_sent_5d1e0c9b7a3f / rt_sent_5d1e0c9b7a3f")]
    public void Classify_BodyEchoingSentToken_MessageOmitsToken(string body)
    {
        // Act
        RefreshError error = RefreshFailureClassifier.Classify(500, body, null, SentToken);

        // Assert
        error.Message.Should().NotContain(SentToken).And.Contain(ErrorTextScrubber.Redacted);
    }

    [Fact]
    public void Classify_LongBody_MessageIsTruncated()
    {
        // Arrange
        string body = new('x', 5000);

        // Act
        RefreshError error = RefreshFailureClassifier.Classify(500, body, null, SentToken);

        // Assert
        error.Message.Should().Be($"Failed to refresh token: 500: {new string('x', ErrorTextScrubber.MaxLength)}…");
    }

    [Fact]
    public void Classify_PermanentBodyEchoingToken_UsesFixedMessage()
    {
        // Act
        RefreshError error = RefreshFailureClassifier.Classify(
            401, $$$"""{"error":{"code":"refresh_token_expired","message":"{{{SentToken}}} expired"}}""", null, SentToken);

        // Assert
        error.Message.Should().Be(RefreshMessages.Expired);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(204)]
    [InlineData(299)]
    public void Classify_SuccessStatus_Throws(int status)
    {
        // Act
        Action act = () => RefreshFailureClassifier.Classify(status, "{}", null, SentToken);

        // Assert
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(200, true)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(599, true)]
    [InlineData(302, false)]
    [InlineData(400, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    public void IsRetryableInCall_Status_FollowsRuleTable(int? status, bool expected)
    {
        RefreshFailureClassifier.IsRetryableInCall(status).Should().Be(expected);
    }
}
