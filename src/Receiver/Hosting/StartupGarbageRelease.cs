using Microsoft.Extensions.Hosting;

namespace Receiver.Hosting;

/// <summary>
/// Shortly after every service has started, collects and compacts the heap and gives the freed memory back to the
/// system. Start-up (configuration, DI, keys, JSON) leaves several megabytes of garbage in the first GC regions; on
/// a machine with a large CPU cache the gen0 budget is larger than that, so no GC would run for a long time and
/// the pages would stay resident in an idle receiver (about 4 MB of a NativeAOT build's 40 MB, bench/README.md).
/// Then the start-up code's own pages go as well (<see cref="StartupPageRelease"/>).
/// </summary>
internal sealed class StartupGarbageRelease(TimeProvider time) : IHostedLifecycleService, IDisposable
{
    // Not at once: the blocking collection would hold up the first greetings (a camera or a health check that
    // connects as soon as the ports are open); 90 ms of a NativeAOT start went to it (bench/README.md).
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);
    private ITimer? _timer;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        _timer = time.CreateTimer(static _ => Release(), null, Delay, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    private static void Release()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        _ = StartupPageRelease.Release();
    }

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _timer?.Dispose();
}
