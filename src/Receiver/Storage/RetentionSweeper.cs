using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Receiver.Options;

namespace Receiver.Storage;

/// <summary>
/// Deletes whole day folders (&lt;camera&gt;/yyyy-MM-dd): those older than Storage:RetentionDays, then, while free
/// space is under Storage:MinFreeDiskPercent, the oldest days across all cameras. Today's folders are never
/// deleted: they hold the recordings a camera is writing now.
/// </summary>
public sealed class RetentionSweeper
{
    private readonly DataPaths _paths;
    private readonly StorageOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RetentionSweeper> _logger;
    private readonly Func<string, DiskUsage> _probeDisk;

    public RetentionSweeper(DataPaths paths, IOptions<StorageOptions> options, TimeProvider time, ILogger<RetentionSweeper> logger)
        : this(paths, options.Value, time, logger, DiskUsage.Of)
    {
    }

    internal RetentionSweeper(DataPaths paths, StorageOptions options, TimeProvider time, ILogger<RetentionSweeper> logger, Func<string, DiskUsage> probeDisk)
    {
        _paths = paths;
        _options = options;
        _time = time;
        _logger = logger;
        _probeDisk = probeDisk;
    }

    /// <summary>Raised per deleted day folder with the reason ("age" or "disk") and its bytes (metrics).</summary>
    public event Action<string, long>? DayDeleted;

    /// <summary>Runs one sweep and returns the folders it deleted.</summary>
    public IReadOnlyList<string> Sweep()
    {
        var deleted = new List<string>();
        var today = DateOnly.FromDateTime(_time.GetLocalNow().DateTime);
        var days = FindDayFolders().Where(d => d.Day < today).OrderBy(d => d.Day).ThenBy(d => d.Path, StringComparer.Ordinal).ToList();

        if (_options.RetentionDays > 0)
        {
            var oldestKept = today.AddDays(-_options.RetentionDays);
            foreach (var day in days.Where(d => d.Day < oldestKept).ToList())
            {
                if (Delete(day, "age", $"older than {_options.RetentionDays} days"))
                {
                    deleted.Add(day.Path);
                }

                days.Remove(day);
            }
        }

        if (_options.MinFreeDiskPercent > 0)
        {
            foreach (var day in days)
            {
                var usage = _probeDisk(_paths.Root);
                if (usage.FreePercent >= _options.MinFreeDiskPercent)
                {
                    break;
                }

                if (Delete(day, "disk", $"free space {usage.FreePercent:F1}% is under {_options.MinFreeDiskPercent}%"))
                {
                    deleted.Add(day.Path);
                }
            }

            var after = _probeDisk(_paths.Root);
            if (after.FreePercent < _options.MinFreeDiskPercent)
            {
                _logger.LogWarning("Free space {FreePercent:F1}% is under {MinFreePercent}% with only today's uploads left", after.FreePercent, _options.MinFreeDiskPercent);
            }
        }

        return deleted;
    }

    private IEnumerable<DayFolder> FindDayFolders()
    {
        if (!Directory.Exists(_paths.Root))
        {
            yield break;
        }

        foreach (var camera in Directory.EnumerateDirectories(_paths.Root))
        {
            if (Path.GetFileName(camera).StartsWith('.'))
            {
                continue;
            }

            foreach (var folder in Directory.EnumerateDirectories(camera))
            {
                if (DateOnly.TryParseExact(Path.GetFileName(folder), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                    && new DirectoryInfo(folder).LinkTarget is null)
                {
                    yield return new DayFolder(Path.GetFileName(camera), day, folder);
                }
            }
        }
    }

    private bool Delete(DayFolder day, string kind, string reason)
    {
        try
        {
            var sizes = new DirectoryInfo(day.Path).EnumerateFiles("*", SearchOption.AllDirectories).Select(f => f.Length).ToList();
            var files = sizes.Count;
            Directory.Delete(day.Path, recursive: true);
            DayDeleted?.Invoke(kind, sizes.Sum());
            _logger.LogInformation("Retention deleted {Camera} {Day} ({Files} files): {Reason}", day.Camera, day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), files, reason);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(ex, "Retention could not delete {Path}", day.Path);
            return false;
        }
    }

    private sealed record DayFolder(string Camera, DateOnly Day, string Path);
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
