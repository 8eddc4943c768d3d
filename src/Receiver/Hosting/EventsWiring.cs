using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Receiver.Accounts;
using Receiver.Events;
using Receiver.Events.Outbox;
using Receiver.Storage;

namespace Receiver.Hosting;

/// <summary>Feeds Receiver.Events from the host: its options, the accounts as cameras, the outbox under .receiver/events.</summary>
internal static class EventsWiring
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventsOptions>().Configure(o => Options.OptionsBinding.Bind(() => configuration.GetSection(EventsOptions.Section).Bind(o))).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EventsOptions>, EventsOptionsValidator>();
        services.AddSingleton<ICameraCatalog, AccountCameraCatalog>();
        services.AddSingleton(sp => new EventOutbox(
            EventsFolder(sp.GetRequiredService<DataPaths>()),
            sp.GetRequiredService<IOptions<EventsOptions>>().Value.MaxQueuedMegabytes * 1024L * 1024L,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<EventOutbox>()));
        services.AddSingleton(sp => new UploadEventRecorder(
            sp.GetRequiredService<EventOutbox>(),
            sp.GetRequiredService<ICameraCatalog>(),
            sp.GetRequiredService<DataPaths>().Root,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetServices<IUploadSubscriber>(),
            sp.GetRequiredService<IOptions<EventsOptions>>().Value.HashUploads,
            sp.GetRequiredService<ILogger<UploadEventRecorder>>()));
        services.AddSingleton(sp =>
        {
            var paths = sp.GetRequiredService<DataPaths>();
            return new EventPipeline(
                sp.GetRequiredService<IOptions<EventsOptions>>().Value,
                sp.GetRequiredService<EventOutbox>(),
                sp.GetRequiredService<ICameraCatalog>(),
                paths.Root,
                EventsFolder(paths),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>());
        });
        services.AddHostedService(sp => sp.GetRequiredService<EventPipeline>());
    }

    public static string EventsFolder(DataPaths paths) => Path.Combine(paths.SystemFolder, "events");
}

/// <summary>The account store as the cameras events know: cheap to read (the store re-reads only a changed file).</summary>
internal sealed class AccountCameraCatalog(AccountStore accounts) : ICameraCatalog
{
    public IReadOnlyList<EventCamera> List() => [.. accounts.List().Select(ToCamera)];

    public EventCamera? Find(string name) => accounts.Find(name) is { } account ? ToCamera(account) : null;

    private static EventCamera ToCamera(CameraAccount a) => new(a.Name, a.QuietAfterHours, a.ScheduledSnapshotPattern, a.TestUploadUntil);
}
