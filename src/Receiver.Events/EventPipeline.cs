using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Receiver.Events.Delivery;
using Receiver.Events.Mqtt;
using Receiver.Events.Outbox;
using Receiver.Events.Quiet;
using Receiver.Events.Webhooks;

namespace Receiver.Events;

/// <summary>
/// Starts the event side before the listeners: opens the outbox, repairs what a crash left, then runs one worker
/// per sink (MQTT, each webhook) and the quiet-camera monitor in the background. Nothing here can block an upload:
/// uploads only append to the outbox.
/// </summary>
public sealed class EventPipeline(
    EventsOptions options,
    EventOutbox outbox,
    ICameraCatalog catalog,
    string dataRoot,
    string stateFolder,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _running = [];
    private readonly List<IEventSink> _sinks = [];
    private QuietMonitor? _quiet;
    private int _disposed;

    public IReadOnlyList<IEventSink> Sinks => _sinks;

    public QuietMonitor? Quiet => _quiet;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("Receiver.Events");
        outbox.Open();
        var hashes = new EventHashes(dataRoot, options.HashEnabled);
        var maxRetry = TimeSpan.FromSeconds(options.MaxRetrySeconds);
        MqttSink? mqtt = null;
        if (options.Mqtt.Enabled)
        {
            mqtt = new MqttSink(options.Mqtt, dataRoot, stateFolder, catalog, Version(), time, maxRetry, loggers.CreateLogger<MqttSink>());
            _sinks.Add(mqtt);
        }

        for (var i = 0; i < options.Webhooks.Count; i++)
        {
            var hook = options.Webhooks[i];
            _sinks.Add(hook.IsNtfy ? new NtfySink($"webhook-{i}", hook, dataRoot) : new WebhookSink($"webhook-{i}", hook, time));
        }

        // Readers first, so that events the repair adds are queued for every sink.
        var workers = _sinks.Select(s => new SinkWorker(outbox, s, hashes, time, maxRetry, loggers.CreateLogger<SinkWorker>())).ToList();
        OutboxRepair.Run(outbox, dataRoot, catalog, time, logger);

        _quiet = new QuietMonitor(outbox, catalog, options.QuietAfterHours, stateFolder, time, loggers.CreateLogger<QuietMonitor>());
        _quiet.Start();
        if (mqtt is not null)
        {
            _running.Add(Task.Run(() => mqtt.RunAsync(_stopping.Token), CancellationToken.None));
        }

        foreach (var worker in workers)
        {
            _running.Add(Task.Run(() => worker.RunAsync(_stopping.Token), CancellationToken.None));
        }

        EventsLog.Started(logger, _sinks.Count, _sinks.Count == 0 ? "none" : string.Join(", ", _sinks.Select(s => s.Name)),
            (int)Math.Min(int.MaxValue, outbox.QueuedBytes), options.MaxQueuedMegabytes);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_running).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _quiet?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        // Registered as itself and as a hosted service: the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var sink in _sinks)
        {
            switch (sink)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }

        _quiet?.Dispose();
        outbox.Dispose();
        _stopping.Dispose();
    }

    private static string Version() =>
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";
}
