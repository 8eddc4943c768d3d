using System.Net;
using Receiver.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Receiver.Keys;
using Receiver.Web.Auth;

namespace Receiver.Web.Hosting;

/// <summary>
/// Runs the web page on Kestrel inside the receiver's process: HTTPS on Web:Port, the redirect-only HTTP port, and
/// the endpoints. Its own small container gets the receiver's singletons, so both see the same accounts, lockout and
/// uploads.
/// </summary>
public sealed partial class WebServerService(IServiceProvider receiver, WebSettings settings, Metrics.ReceiverMetrics metrics, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<WebServerService>();
    private readonly Metrics.ReceiverMetrics _metrics = metrics; // built at start, so it counts from the first login on
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = settings.Options;
        if (options.Port == 0)
        {
            LogOff(_logger);
            return;
        }

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

        _app = builder.Build();
        _app.UseMiddleware<HttpsRedirect>();
        _app.UseMiddleware<SecurityHeaders>();
        _app.UseMiddleware<SessionGate>();
        WebEndpoints.Map(_app);
        await _app.StartAsync(cancellationToken);
        LogListening(_logger, options.Port, options.HttpPort);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Web page off (Web:Port is 0)")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Web page on https port {Port} (redirect from http port {HttpPort})")]
    private static partial void LogListening(ILogger logger, int port, int httpPort);
}
