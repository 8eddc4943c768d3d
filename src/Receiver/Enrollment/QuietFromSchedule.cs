using Receiver.Accounts;
using Receiver.Provisioning.Camera;
using Receiver.Provisioning.Cgi;

namespace Receiver.Enrollment;

/// <summary>
/// After enrollment: a camera whose planned snapshots are on should upload at least every interval, so a few
/// intervals of silence mean it is broken or unplugged. Sets --quiet-after-hours from that, unless already set.
/// </summary>
internal static class QuietFromSchedule
{
    /// <summary>How many intervals may pass without an upload: one missed snapshot is normal, three in a row are not.</summary>
    private const int Intervals = 3;

    public static async Task<int?> ApplyAsync(InstarCameraClient camera, AccountStore accounts, string name, CancellationToken cancellationToken)
    {
        if (accounts.Find(name) is not { QuietAfterHours: null })
        {
            return null;
        }

        TimeSpan? interval;
        try
        {
            interval = await IntervalAsync(camera, cancellationToken);
        }
        catch (CameraException)
        {
            return null;
        }

        if (interval is null)
        {
            return null;
        }

        var hours = HoursFor(interval.Value);
        accounts.Update(name, existing => existing is null ? null : existing with { QuietAfterHours = existing.QuietAfterHours ?? hours });
        return hours;
    }

    public static int HoursFor(TimeSpan interval) => Math.Max(1, (int)Math.Ceiling(Intervals * interval.TotalHours));

    /// <summary>The longest wait between two planned snapshots over a week (the schedule wraps around).</summary>
    public static TimeSpan? LargestGap(IReadOnlyList<SnapScheduleTime> times)
    {
        var week = new List<int>();
        foreach (var time in times)
        {
            for (var day = 0; day < 7; day++)
            {
                if (((int)time.Days & (1 << day)) != 0)
                {
                    week.Add(day * 86400 + time.SecondsOfDay);
                }
            }
        }

        if (week.Count == 0)
        {
            return null;
        }

        week.Sort();
        var largest = week[0] + (7 * 86400) - week[^1];
        for (var i = 1; i < week.Count; i++)
        {
            largest = Math.Max(largest, week[i] - week[i - 1]);
        }

        return TimeSpan.FromSeconds(largest);
    }

    private static async Task<TimeSpan?> IntervalAsync(InstarCameraClient camera, CancellationToken cancellationToken)
    {
        TimeSpan? interval = null;
        var timer = await camera.GetFtpActionAsync(FtpUploadType.TimerSnapshot, cancellationToken);
        if (timer.Enabled && timer.IntervalSeconds > 0)
        {
            interval = TimeSpan.FromSeconds(timer.IntervalSeconds);
        }

        var schedule = await camera.GetSnapshotScheduleAsync(cancellationToken);
        if (schedule.Enabled && LargestGap(schedule.Times) is { } gap && (interval is null || gap > interval))
        {
            interval = gap;
        }

        return interval;
    }
}
