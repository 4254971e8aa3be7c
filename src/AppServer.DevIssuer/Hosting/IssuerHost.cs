using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AppServer.DevIssuer.Hosting;

/// <summary>Builds the Kestrel host behind <see cref="MockIssuer"/>.</summary>
internal static class IssuerHost
{
    // Requests still running at shutdown are ones disposal already aborted; this only bounds a bug.
    private static readonly TimeSpan s_shutdownTimeout = TimeSpan.FromSeconds(5);

    public static WebApplication Build(MockIssuerOptions options, RequestDelegate handler)
    {
        // The empty builder reads no appsettings.json, environment variables or "Kestrel" config
        // section, so nothing outside this method can add an endpoint, and it adds no logging
        // providers, so nothing reaches stdout (the embedding exe speaks JSON-RPC there).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(IssuerHost).Assembly.GetName().Name,
        });

        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });

        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = s_shutdownTimeout);
        if (options.LoggerFactory is { } loggerFactory)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        var app = builder.Build();
        app.Run(handler);
        return app;
    }
}
