using Receiver.Accounts;
using Receiver.Storage;
using Receiver.Web.Files;
using Receiver.Web.Metrics;

namespace Receiver.Web.Pages;

/// <summary>One camera at a glance, from its account and its folders.</summary>
public sealed record CameraStatus(
    CameraAccount Account,
    DayFile? LastUpload,
    DayFile? LatestSnapshot,
    int TodayCount,
    long TodayBytes,
    long UsedBytes,
    long QuotaBytes,
    bool Quiet);

/// <summary>The disk under Storage:Root: what the cameras use, what is free, and how many days of the recent rate fit.</summary>
public sealed record DiskStatus(long UsedBytes, long FreeBytes, double? DaysAtCurrentRate);

/// <summary>Reads the accounts and the day folders for the dashboard (the newest day folders only, so it stays cheap).</summary>
public sealed class CameraOverview(AccountStore accounts, CameraFiles files, QuotaLedger quota, TimeProvider time)
{
    private const int RateDays = 7;

    public string Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime).ToString(CameraFiles.DayFormat, System.Globalization.CultureInfo.InvariantCulture);

    public IReadOnlyList<CameraStatus> Cameras() => [.. accounts.List().Select(Status)];

    public CameraStatus Status(CameraAccount account)
    {
        DayFile? last = null;
        DayFile? snapshot = null;
        foreach (var day in files.Days(account.Name))
        {
            var dayFiles = files.Files(account.Name, day);
            last ??= dayFiles.FirstOrDefault();
            snapshot ??= dayFiles.FirstOrDefault(f => UploadKind.Of(f.Name) == UploadKind.Snapshot);
            if (last is not null && snapshot is not null)
            {
                break;
            }
        }

        var today = files.Files(account.Name, Today);
        var quiet = Receiver.Events.Quiet.QuietMonitor.QuietCameras(Path.Combine(files.Paths.SystemFolder, "events")).Contains(account.Name);
        return new CameraStatus(account, last, snapshot, today.Count, today.Sum(f => f.Size), quota.UsedBytes(account.Name), quota.QuotaBytes(account), quiet);
    }

    public DiskStatus Disk()
    {
        long used = 0;
        long recent = 0;
        var recentDays = new HashSet<string>(StringComparer.Ordinal);
        foreach (var account in accounts.List())
        {
            foreach (var (day, index) in files.Days(account.Name).Select((d, i) => (d, i)))
            {
                var bytes = files.Files(account.Name, day).Sum(f => f.Size);
                used += bytes;
                if (index < RateDays)
                {
                    recent += bytes;
                    recentDays.Add(day);
                }
            }
        }

        var free = DiskUsage.Of(files.Paths.Root).AvailableBytes;
        double? days = recent > 0 ? free / ((double)recent / recentDays.Count) : null;
        return new DiskStatus(used, free, days);
    }
}
