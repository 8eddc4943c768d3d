using System.Net;
using Receiver.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Receiver.Hosting;
using Receiver.Keys;
using Receiver.Web.Auth;

namespace Receiver.Web.Hosting;

/// <summary>
/// Runs the web page on Kestrel inside the receiver's process: HTTPS on Web:Port, the redirect-only HTTP port, and
/// the endpoints. Its own small container gets the receiver's singletons, so both see the same accounts, lockout and
/// uploads.
/// </summary>
public sealed partial class WebServerService(IServiceProvider receiver, WebSettings settings, Metrics.ReceiverMetrics metrics, ILoggerFactory loggers)
    : ListenerService<WebApplication>("Web page", "Web:Port", loggers.CreateLogger<WebServerService>())
{
    private readonly Metrics.ReceiverMetrics _metrics = metrics; // built at start, so it counts from the first login on

    protected override int Port => settings.Options.Port;

    protected override WebApplication Create()
    {
        var options = settings.Options;
        var certificate = WebCertificate.Load(options, receiver.GetRequiredService<TlsCertificateStore>());
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });

        // The receiver's configuration decides everything: no Kestrel section, ASPNETCORE_URLS or launch settings.
        ((IConfigurationBuilder)builder.Configuration).Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        WebServices.Share(receiver, builder.Services);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            Listen(kestrel, options.ListenAddress, options.Port, listen => listen.UseHttps(certificate));
            if (options.HttpPort != 0)
            {
                Listen(kestrel, options.ListenAddress, options.HttpPort, _ => { });
            }
        });

        var app = builder.Build();
        app.UseMiddleware<HttpsRedirect>();
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<SessionGate>();
        WebEndpoints.Map(app);
        return app;
    }

    protected override async Task StartServerAsync(WebApplication server, CancellationToken cancellationToken)
    {
        await server.StartAsync(cancellationToken);
        LogListening(Logger, settings.Options.Port, settings.Options.HttpPort);
    }

    protected override Task StopServerAsync(WebApplication server, CancellationToken cancellationToken) => server.StopAsync(cancellationToken);

    private static void Listen(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, string address, int port, Action<Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions> configure)
    {
        var bound = ListenAddress.Parse(address);
        if (ListenAddress.IsAny(bound))
        {
            kestrel.ListenAnyIP(port, configure);
        }
        else
        {
            kestrel.Listen(bound, port, configure);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Web page on https port {Port} (redirect from http port {HttpPort})")]
    private static partial void LogListening(ILogger logger, int port, int httpPort);
}
