using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Receiver.Abstractions;
using Receiver.Accounts;
using Receiver.Events;
using Receiver.Keys;
using Receiver.Options;
using Receiver.Storage;
using Receiver.Web.Auth;
using Receiver.Web.Enroll;
using Receiver.Web.Files;
using Receiver.Web.Live;
using Receiver.Web.Pages;
using Receiver.Web.Thumbnails;
using Receiver.Web.Hosting;
using Receiver.Web.Metrics;

namespace Receiver.Web;

/// <summary>The web page's services in the receiver's container, and the ones its Kestrel app borrows from there.</summary>
public static class WebServices
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebOptions>().Configure(o => Receiver.Options.OptionsBinding.Bind(() => configuration.GetSection(WebOptions.Section).Bind(o))).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebOptions>, WebOptionsValidator>();
        services.AddSingleton<WebSettings>();
        services.AddSingleton<AdminCredentials>();
        if (configuration[WebOptions.Section + ":Port"] is "0")
        {
            // Web server off: no metrics, thumbnails or live feed either (they serve only the page); the memory stays free.
            return;
        }

        services.AddSingleton<ReceiverMetrics>();
        services.AddSingleton<MetricsSessionEvents>();
        services.AddSingleton<IUploadSubscriber, MetricsUploads>();
        services.AddSingleton<WebSessions>();
        services.AddSingleton<CameraFiles>();
        services.AddSingleton<CameraOverview>();
        services.AddSingleton<ThumbnailCache>();
        services.AddSingleton<UploadFeed>();
        services.AddSingleton<IUploadSubscriber, UploadFeedAdapter>();
        services.AddSingleton<EnrollmentJobs>();
        services.AddHostedService<ThumbnailSweepService>();
        services.AddHostedService<WebServerService>();
    }

    /// <summary>The session event sinks: the journal and the metrics.</summary>
    public static ISessionEventSink SessionEvents(IServiceProvider services, ISessionEventSink journal) =>
        services.GetService<MetricsSessionEvents>() is { } metrics ? new SessionEventFanOut([journal, metrics]) : journal;

    internal static void Share(IServiceProvider receiver, IServiceCollection web)
    {
        Share<TimeProvider>(receiver, web);
        Share<IConfiguration>(receiver, web);
        Share<IOptions<SshOptions>>(receiver, web);
        Share<IOptions<FtpOptions>>(receiver, web);
        Share<IOptions<EnrollmentOptions>>(receiver, web);
        Share<IOptions<StorageOptions>>(receiver, web);
        Share<DataPaths>(receiver, web);
        Share<AccountStore>(receiver, web);
        Share<PasswordHasher>(receiver, web);
        Share<LoginThrottle>(receiver, web);
        Share<HostKeyStore>(receiver, web);
        Share<WebSettings>(receiver, web);
        Share<ReceiverMetrics>(receiver, web);
        Share<AdminCredentials>(receiver, web);
        Share<WebSessions>(receiver, web);
        Share<CameraFiles>(receiver, web);
        Share<CameraOverview>(receiver, web);
        Share<ThumbnailCache>(receiver, web);
        Share<UploadFeed>(receiver, web);
        Share<EnrollmentJobs>(receiver, web);
    }

    private static void Share<T>(IServiceProvider receiver, IServiceCollection web)
        where T : class => web.AddSingleton(receiver.GetRequiredService<T>());
}
