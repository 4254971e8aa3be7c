namespace AppServer.Auth.Login;

/// <summary>The parts of a request the callback server looks at. The query may hold a code and state: never log it.</summary>
/// <param name="Method">The request method as sent.</param>
/// <param name="Path">The path, still percent-encoded, compared exactly (as upstream does).</param>
/// <param name="Query">The decoded query parameters; the last of repeated names wins.</param>
internal sealed record HttpRequestHead(string Method, string Path, IReadOnlyDictionary<string, string> Query)
{
    // Records print every member; the query would print the code and state.
    public override string ToString() => $"{Method} {Path}";
}
