namespace AppServer.DevIssuer;

/// <summary>How a <see cref="MockResponse"/> ends the exchange.</summary>
internal enum MockResponseKind
{
    /// <summary>Send status, headers and body.</summary>
    Respond,

    /// <summary>Accept the request and never answer (docs/failure-modes.md NET-04).</summary>
    Hang,

    /// <summary>Send status and headers, then never send the body (NET-05).</summary>
    HangAfterHeaders,

    /// <summary>Reset the connection after the request arrived (NET-06).</summary>
    Abort,
}
