using System.Globalization;

namespace Receiver.Provisioning.Camera;

/// <summary>Days of the week in the camera's bitmask: Monday = 1 … Sunday = 64.</summary>
[Flags]
public enum ScheduleDays
{
    None = 0,
    Monday = 1,
    Tuesday = 2,
    Wednesday = 4,
    Thursday = 8,
    Friday = 16,
    Saturday = 32,
    Sunday = 64,
    Weekdays = Monday | Tuesday | Wednesday | Thursday | Friday,
    Weekend = Saturday | Sunday,
    Everyday = Weekdays | Weekend,
}

/// <summary>
/// One snapshot-schedule entry, <c>seconds-weekdaybitmask</c> (e.g. <c>36000-67</c> = 10:00 on Mon, Tue and Sun).
/// Seconds run from 0 (00:00:00) to 86340 (23:59:00), whole minutes.
/// </summary>
public readonly record struct SnapScheduleTime(int SecondsOfDay, ScheduleDays Days)
{
    public const int MaxSeconds = 86340;

    /// <summary>Separator between entries in <c>times</c>. The reference shows only single entries; a comma is assumed.</summary>
    public const char ListSeparator = ',';

    public TimeOnly TimeOfDay => TimeOnly.FromTimeSpan(TimeSpan.FromSeconds(SecondsOfDay));

    public static SnapScheduleTime Create(TimeOnly time, ScheduleDays days)
    {
        var entry = new SnapScheduleTime(time.Hour * 3600 + time.Minute * 60, days);
        entry.Validate();
        return entry;
    }

    public void Validate()
    {
        if (SecondsOfDay is < 0 or > MaxSeconds || SecondsOfDay % 60 != 0)
        {
            throw new Cgi.CameraValueException("times", $"{SecondsOfDay} s is not a whole minute between 0 and {MaxSeconds}.");
        }

        if (Days == ScheduleDays.None || ((int)Days & ~(int)ScheduleDays.Everyday) != 0)
        {
            throw new Cgi.CameraValueException("times", $"weekday mask {(int)Days} must be between 1 and 127.");
        }
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{SecondsOfDay}-{(int)Days}");

    public static SnapScheduleTime Parse(string text)
    {
        var parts = text.Trim().Split('-');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var mask))
        {
            throw new Cgi.CameraValueException("times", $"'{text}' is not a seconds-weekdaybitmask entry.");
        }

        var entry = new SnapScheduleTime(seconds, (ScheduleDays)mask);
        entry.Validate();
        return entry;
    }

    public static IReadOnlyList<SnapScheduleTime> ParseList(string text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split(ListSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();

    public static string FormatList(IEnumerable<SnapScheduleTime> entries) =>
        string.Join(ListSeparator, entries.Select(e =>
        {
            e.Validate();
            return e.ToString();
        }));
}
