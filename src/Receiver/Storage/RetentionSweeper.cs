using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Receiver.Accounts;
using Receiver.Options;

namespace Receiver.Storage;

/// <summary>
/// Deletes a camera's history a unit at a time (a day folder, or in the daily layout the files of one day in folders the
/// receiver did not make; see <see cref="CameraHistory"/>): first everything older than Storage:RetentionDays; then,
/// while free space is under Storage:MinFreeDiskPercent, the oldest unit of the camera furthest above its share (its
/// quota, or an equal split of the rest of the disk among the cameras without one), so one busy camera never costs the
/// others their history. Today's data is never deleted: it holds the recordings a camera is writing now.
/// </summary>
public sealed partial class RetentionSweeper(
    DataPaths paths,
    StorageOptions options,
    TimeProvider time,
    ILogger<RetentionSweeper> logger,
    Func<string, DiskUsage> probeDisk,
    QuotaLedger? ledger = null,
    Func<string, long>? quotaOf = null)
{
    private readonly Func<string, long> _quotaOf = quotaOf ?? (_ => options.CameraQuotaMegabytes * 1024 * 1024);

    public RetentionSweeper(DataPaths paths, IOptions<StorageOptions> options, TimeProvider time, ILogger<RetentionSweeper> logger, QuotaLedger ledger, AccountStore accounts)
        : this(paths, options.Value, time, logger, DiskUsage.Of, ledger, camera => ledger.QuotaBytes(accounts.Find(camera)))
    {
    }

    /// <summary>Raised per deleted day folder (or unit of loose files) with the reason ("age" or "disk") and its logical bytes (metrics, thumbnails).</summary>
    public event Action<string, long>? DayDeleted;

    /// <summary>Runs one sweep and returns what it deleted (a folder, or &lt;camera&gt;/files of yyyy-MM-dd).</summary>
    public IReadOnlyList<string> Sweep()
    {
        var deleted = new List<string>();
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var histories = FindCameras().ToDictionary(
            camera => camera,
            camera => CameraHistory.Find(paths.CameraFolder(camera), camera, options.ParsedLayout, today, time.LocalTimeZone),
            StringComparer.Ordinal);

        if (options.RetentionDays > 0)
        {
            var oldestKept = today.AddDays(-options.RetentionDays);
            foreach (var history in histories.Values)
            {
                foreach (var unit in history.Where(u => u.Day < oldestKept).ToList())
                {
                    Delete(unit, "age", $"older than {options.RetentionDays} days", deleted);
                    history.Remove(unit);
                }
            }
        }

        if (options.MinFreeDiskPercent > 0)
        {
            FreeSpace(histories, today, deleted);
        }

        return deleted;
    }

    private void FreeSpace(Dictionary<string, List<HistoryUnit>> histories, DateOnly today, List<string> deleted)
    {
        while (true)
        {
            var usage = probeDisk(paths.Root);
            if (usage.FreePercent >= options.MinFreeDiskPercent)
            {
                return;
            }

            var shares = Shares(histories.Keys, usage.TotalBytes);
            var pick = histories
                .Where(h => h.Value.Any(u => u.Day < today))
                .Select(h => (Camera: h.Key, Over: h.Value.Sum(u => u.Bytes) - shares[h.Key], Oldest: h.Value.First(u => u.Day < today)))
                .OrderByDescending(c => c.Over)
                .ThenBy(c => c.Oldest.Day)
                .ThenBy(c => c.Camera, StringComparer.Ordinal)
                .FirstOrDefault();
            if (pick.Camera is null)
            {
                LogOnlyTodayLeft(logger, usage.FreePercent, options.MinFreeDiskPercent);
                return;
            }

            Delete(pick.Oldest, "disk", string.Create(CultureInfo.InvariantCulture, $"free space {usage.FreePercent:F1}% is under {options.MinFreeDiskPercent}%; {pick.Camera} is {pick.Over} bytes over its share"), deleted);
            histories[pick.Camera].Remove(pick.Oldest);
        }
    }

    // A camera's share: its quota, or an equal split of what the quotas leave of the disk among the cameras without one.
    private Dictionary<string, long> Shares(IEnumerable<string> cameras, long diskBytes)
    {
        var quotas = cameras.ToDictionary(c => c, _quotaOf, StringComparer.Ordinal);
        var without = quotas.Count(q => q.Value <= 0);
        var rest = Math.Max(0, diskBytes - quotas.Values.Where(q => q > 0).Sum());
        return quotas.ToDictionary(q => q.Key, q => q.Value > 0 ? q.Value : rest / Math.Max(1, without), StringComparer.Ordinal);
    }

    private IEnumerable<string> FindCameras()
    {
        if (!Directory.Exists(paths.Root))
        {
            yield break;
        }

        foreach (var folder in new DirectoryInfo(paths.Root).EnumerateDirectories())
        {
            if (!folder.Name.StartsWith('.') && folder.LinkTarget is null)
            {
                yield return folder.Name;
            }
        }
    }

    private void Delete(HistoryUnit unit, string kind, string reason, List<string> deleted)
    {
        var cameraFolder = paths.CameraFolder(unit.Camera);
        try
        {
            var files = unit.Delete(cameraFolder);
            LogDeleted(logger, unit.Camera, unit.Label, files, reason);
            DayDeleted?.Invoke(kind, unit.Bytes);
            deleted.Add(unit.Folder ?? Path.Combine(cameraFolder, unit.Label));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogNotDeleted(logger, ex, unit.Folder ?? cameraFolder);
        }
        finally
        {
            ledger?.Invalidate(unit.Camera);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention deleted {Camera} {Unit} ({Files} files): {Reason}")]
    private static partial void LogDeleted(ILogger logger, string camera, string unit, int files, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention could not delete {Path}")]
    private static partial void LogNotDeleted(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Free space {FreePercent:F1}% is under {MinFreePercent}% with only today's uploads left")]
    private static partial void LogOnlyTodayLeft(ILogger logger, double freePercent, double minFreePercent);
}

/// <summary>Size and free space of the volume that holds a path.</summary>
public readonly record struct DiskUsage(long TotalBytes, long AvailableBytes)
{
    public double FreePercent => TotalBytes <= 0 ? 100 : 100.0 * AvailableBytes / TotalBytes;

    public static DiskUsage Of(string path)
    {
        var drive = new DriveInfo(path);
        return new DiskUsage(drive.TotalSize, drive.AvailableFreeSpace);
    }
}
