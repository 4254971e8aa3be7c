namespace AppServer.Dev.Schema;

/// <summary>A generator step failed for a reason the user can fix; the message is printed as one line.</summary>
internal sealed class SchemaToolException(string message) : Exception(message);
