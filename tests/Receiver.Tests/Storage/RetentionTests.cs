namespace Receiver.Tests.Storage;

public sealed class RetentionTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public RetentionTests() => _time.SetLocalTimeZone(TimeZoneInfo.Utc);

    [Fact]
    public void Day_folders_older_than_the_retention_are_deleted_whole_and_others_kept()
    {
        var paths = new DataPaths(_temp.Combine("data"));
        MakeDay(paths, "cam1", "2026-10-01");
        MakeDay(paths, "cam1", "2026-11-20");
        MakeDay(paths, "cam2", "2026-10-28");
        MakeDay(paths, "cam2", "2026-10-29");
        Directory.CreateDirectory(Path.Combine(paths.Root, "cam1", "recordings")); // not a day folder

        var deleted = Sweeper(paths, new StorageOptions { RetentionDays = 30, MinFreeDiskPercent = 0 }, _ => new DiskUsage(100, 100)).Sweep();

        Assert.Equal(2, deleted.Count);
        Assert.False(Directory.Exists(Path.Combine(paths.Root, "cam1", "2026-10-01")));
        Assert.False(Directory.Exists(Path.Combine(paths.Root, "cam2", "2026-10-28")));
        Assert.True(Directory.Exists(Path.Combine(paths.Root, "cam2", "2026-10-29")));
        Assert.True(Directory.Exists(Path.Combine(paths.Root, "cam1", "2026-11-20")));
        Assert.True(Directory.Exists(Path.Combine(paths.Root, "cam1", "recordings")));
    }

    [Fact]
    public void Low_free_space_deletes_the_oldest_days_across_cameras_until_enough_is_free_but_never_today()
    {
        var paths = new DataPaths(_temp.Combine("data"));
        MakeDay(paths, "cam1", "2026-11-25");
        MakeDay(paths, "cam2", "2026-11-24");
        MakeDay(paths, "cam1", "2026-11-27");
        MakeDay(paths, "cam2", "2026-11-28");

        // Each remaining day folder "uses" 5% of a disk that is otherwise 68% full.
        DiskUsage Probe(string _) => new(100, 100 - 68 - (5 * CountDays(paths)));

        var deleted = Sweeper(paths, new StorageOptions { RetentionDays = 0, MinFreeDiskPercent = 20 }, Probe).Sweep();

        Assert.Equal([Path.Combine(paths.Root, "cam2", "2026-11-24"), Path.Combine(paths.Root, "cam1", "2026-11-25")], deleted);
        Assert.True(Directory.Exists(Path.Combine(paths.Root, "cam1", "2026-11-27")));
        Assert.True(Directory.Exists(Path.Combine(paths.Root, "cam2", "2026-11-28")));

        var none = Sweeper(paths, new StorageOptions { RetentionDays = 0, MinFreeDiskPercent = 95 }, _ => new DiskUsage(100, 1)).Sweep();
        Assert.Single(none); // only 2026-11-27 could go; today's folder stays
        Assert.True(Directory.Exists(Path.Combine(paths.Root, "cam2", "2026-11-28")));
    }

    private RetentionSweeper Sweeper(DataPaths paths, StorageOptions options, Func<string, DiskUsage> probe) =>
        new(paths, options, _time, NullLogger<RetentionSweeper>.Instance, probe);

    private static int CountDays(DataPaths paths) =>
        Directory.GetDirectories(paths.Root).Where(d => !Path.GetFileName(d).StartsWith('.')).Sum(c => Directory.GetDirectories(c).Length);

    private static void MakeDay(DataPaths paths, string camera, string day)
    {
        var folder = Path.Combine(paths.Root, camera, day);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "snap.jpg"), "x");
    }

    public void Dispose() => _temp.Dispose();
}
