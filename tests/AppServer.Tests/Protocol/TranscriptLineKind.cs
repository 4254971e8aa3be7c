namespace AppServer.Tests.Protocol;

internal enum TranscriptLineKind
{
    /// <summary><c># …</c>: prose for the reader.</summary>
    Comment,

    /// <summary><c>! …</c>: set up the world (auth.json, the issuer) before or between messages.</summary>
    Directive,

    /// <summary><c>→ …</c>: the exact line the client sends.</summary>
    Send,

    /// <summary><c>← …</c>: the JSON the server sends next, with <c>"&lt;name&gt;"</c> placeholders.</summary>
    Receive,
}
