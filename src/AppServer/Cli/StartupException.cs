namespace AppServer.Cli;

/// <summary>
/// A verb could not start for a reason the user can fix (a port already taken, a setting out of
/// range): the command line prints the message as one line and exits with the usage code.
/// </summary>
internal sealed class StartupException(string message, Exception? innerException = null) : Exception(message, innerException);
