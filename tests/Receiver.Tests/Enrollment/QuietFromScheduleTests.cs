using Receiver.Enrollment;
using Receiver.Provisioning.Camera;

namespace Receiver.Tests.Enrollment;

public sealed class QuietFromScheduleTests
{
    [Fact]
    public void A_snapshot_every_day_at_ten_gives_the_alarm_after_three_days()
    {
        var gap = QuietFromSchedule.LargestGap([new SnapScheduleTime(36000, ScheduleDays.Everyday)]);
        Assert.Equal(TimeSpan.FromDays(1), gap);
        Assert.Equal(72, QuietFromSchedule.HoursFor(gap!.Value));
    }

    [Fact]
    public void Weekdays_only_makes_the_weekend_the_longest_gap()
    {
        var gap = QuietFromSchedule.LargestGap([new SnapScheduleTime(8 * 3600, ScheduleDays.Weekdays), new SnapScheduleTime(18 * 3600, ScheduleDays.Weekdays)]);
        Assert.Equal(TimeSpan.FromHours(14 + 48), gap);
    }

    [Fact]
    public void A_timer_snapshot_every_ten_minutes_still_waits_at_least_an_hour()
    {
        Assert.Equal(1, QuietFromSchedule.HoursFor(TimeSpan.FromMinutes(10)));
    }
}
