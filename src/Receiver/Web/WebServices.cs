using System.Diagnostics.CodeAnalysis;
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
        Lend<WebSettings>(services);
        Lend<AdminCredentials>(services);
        if (configuration[WebOptions.Section + ":Port"] is "0")
        {
            // Web server off: no metrics, thumbnails or live feed either (they serve only the page); the memory stays free.
            return;
        }

        Lend<ReceiverMetrics>(services);
        services.AddSingleton<MetricsSessionEvents>();
        services.AddSingleton<IUploadSubscriber, MetricsUploads>();
        Lend<WebSessions>(services);
        Lend<CameraFiles>(services);
        Lend<CameraOverview>(services);
        Lend<ThumbnailCache>(services);
        Lend<UploadFeed>(services);
        services.AddSingleton<IUploadSubscriber, UploadFeedAdapter>();
        Lend<EnrollmentJobs>(services);
        services.AddHostedService<ThumbnailSweepService>();
        services.AddHostedService<WebServerService>();
    }

    /// <summary>The session event sinks: the journal and the metrics.</summary>
    public static ISessionEventSink SessionEvents(IServiceProvider services, ISessionEventSink journal) =>
        services.GetService<MetricsSessionEvents>() is { } metrics ? new SessionEventFanOut([journal, metrics]) : journal;

    /// <summary>Fills the Kestrel app's container with the receiver's instances: time, configuration and options, and every singleton registered with <see cref="Lend{T}"/>.</summary>
    internal static void Share(IServiceProvider receiver, IServiceCollection web)
    {
        Share<TimeProvider>(receiver, web);
        Share<IConfiguration>(receiver, web);
        Share<IOptions<SshOptions>>(receiver, web);
        Share<IOptions<FtpOptions>>(receiver, web);
        Share<IOptions<EnrollmentOptions>>(receiver, web);
        Share<IOptions<StorageOptions>>(receiver, web);
        foreach (var lent in receiver.GetServices<LentToWeb>())
        {
            lent.Share(receiver, web);
        }
    }

    /// <summary>A singleton of the receiver's container that the Kestrel app gets too: registered and lent in one line.</summary>
    internal static void Lend<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(IServiceCollection services)
        where T : class
    {
        services.AddSingleton<T>();
        services.AddSingleton(new LentToWeb(Share<T>));
    }

    private static void Share<T>(IServiceProvider receiver, IServiceCollection web)
        where T : class => web.AddSingleton(receiver.GetRequiredService<T>());

    /// <summary>How the Kestrel app gets one lent singleton of the receiver's.</summary>
    private sealed record LentToWeb(Action<IServiceProvider, IServiceCollection> Share);
}
