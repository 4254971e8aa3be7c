using Microsoft.Extensions.Logging;

namespace AppServer.Hosting;

/// <summary>Settings of the stdio server, from the command line and environment.</summary>
internal sealed record ServeOptions(LogLevel LogLevel, int? ParentPid);
