using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Receiver.Options;
using Receiver.Storage;

namespace Receiver.Web.Thumbnails;

/// <summary>Sweeps thumbnails with their day: after each retention sweep (and every Storage:RetentionSweepMinutes) the thumbnails of deleted days go.</summary>
internal sealed class ThumbnailSweepService(ThumbnailCache thumbnails, RetentionSweeper retention, IOptions<StorageOptions> storage, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        retention.DayDeleted += (_, _) => Sweep();
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(storage.Value.RetentionSweepMinutes), time);
        do
        {
            Sweep();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private void Sweep()
    {
        try
        {
            thumbnails.SweepDeletedDays();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A day being deleted right now: the next sweep takes it.
        }
    }
}
