using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Receiver.Options;

namespace Receiver.Storage;

/// <summary>Runs the retention sweep at start and then every Storage:RetentionSweepMinutes.</summary>
public sealed class RetentionService(RetentionSweeper sweeper, IOptions<StorageOptions> options, TimeProvider time, ILogger<RetentionService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.RetentionSweepMinutes), time);
        do
        {
            try
            {
                sweeper.Sweep();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Any failure, not only I/O: an exception leaving ExecuteAsync would end the sweeping for good and,
                // by the host's default (BackgroundServiceExceptionBehavior.StopHost), stop the whole receiver.
                logger.LogWarning(ex, "Retention sweep failed; it will run again in {Minutes} min", options.Value.RetentionSweepMinutes);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken token)
    {
        try
        {
            return await timer.WaitForNextTickAsync(token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
