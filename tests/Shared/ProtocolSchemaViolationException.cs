namespace AppServer.Testing;

/// <summary>The server sent something its committed schema (schema/json) does not allow.</summary>
internal sealed class ProtocolSchemaViolationException(string message) : Exception(message);
