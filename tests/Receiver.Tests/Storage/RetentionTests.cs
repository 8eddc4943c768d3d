namespace Receiver.Tests.Storage;

public sealed class RetentionTests : DataFolderTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public RetentionTests() => _time.SetLocalTimeZone(TimeZoneInfo.Utc);

    [Fact]
    public void Day_folders_older_than_the_retention_are_deleted_whole_and_others_kept()
    {
        MakeDays(("cam1", "2026-10-01"), ("cam1", "2026-11-20"), ("cam2", "2026-10-28"), ("cam2", "2026-10-29"));
        Directory.CreateDirectory(Path.Combine(Paths.Root, "cam1", "recordings")); // not a day folder

        var deleted = Sweeper(new StorageOptions { RetentionDays = 30, MinFreeDiskPercent = 0 }, _ => new DiskUsage(100, 100)).Sweep();

        Assert.Equal(2, deleted.Count);
        Assert.False(Directory.Exists(Path.Combine(Paths.Root, "cam1", "2026-10-01")));
        Assert.False(Directory.Exists(Path.Combine(Paths.Root, "cam2", "2026-10-28")));
        Assert.True(Directory.Exists(Path.Combine(Paths.Root, "cam2", "2026-10-29")));
        Assert.True(Directory.Exists(Path.Combine(Paths.Root, "cam1", "2026-11-20")));
        Assert.True(Directory.Exists(Path.Combine(Paths.Root, "cam1", "recordings")));
    }

    [Fact]
    public void Low_free_space_deletes_the_oldest_days_across_cameras_until_enough_is_free_but_never_today()
    {
        MakeDays(("cam1", "2026-11-25"), ("cam2", "2026-11-24"), ("cam1", "2026-11-27"), ("cam2", "2026-11-28"));

        // Each remaining day folder "uses" 5% of a disk that is otherwise 68% full.
        DiskUsage Probe(string _) => new(100, 100 - 68 - (5 * CountDays()));

        var deleted = Sweeper(new StorageOptions { RetentionDays = 0, MinFreeDiskPercent = 20 }, Probe).Sweep();

        Assert.Equal([Path.Combine(Paths.Root, "cam2", "2026-11-24"), Path.Combine(Paths.Root, "cam1", "2026-11-25")], deleted);
        Assert.True(Directory.Exists(Path.Combine(Paths.Root, "cam1", "2026-11-27")));
        Assert.True(Directory.Exists(Path.Combine(Paths.Root, "cam2", "2026-11-28")));

        var none = Sweeper(new StorageOptions { RetentionDays = 0, MinFreeDiskPercent = 95 }, _ => new DiskUsage(100, 1)).Sweep();
        Assert.Single(none); // only 2026-11-27 could go; today's folder stays
        Assert.True(Directory.Exists(Path.Combine(Paths.Root, "cam2", "2026-11-28")));
    }

    private RetentionSweeper Sweeper(StorageOptions options, Func<string, DiskUsage> probe) =>
        new(Paths, options, _time, NullLogger<RetentionSweeper>.Instance, probe);

    private int CountDays() =>
        Directory.GetDirectories(Paths.Root).Where(d => !Path.GetFileName(d).StartsWith('.')).Sum(c => Directory.GetDirectories(c).Length);

    private void MakeDays(params (string Camera, string Day)[] days)
    {
        foreach (var (camera, day) in days)
        {
            var folder = Path.Combine(Paths.Root, camera, day);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "snap.jpg"), "x");
        }
    }
}
