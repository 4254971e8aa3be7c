namespace AppServer.Auth.Tests.Refresh.Support;

/// <summary>A request exactly as it crossed the socket.</summary>
internal sealed record LoopbackRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body);
