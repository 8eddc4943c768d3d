namespace Receiver.Tests.Storage;

/// <summary>Retention when the disk is low takes from the camera furthest above its share; it also sweeps folders it did not make.</summary>
public sealed class FairRetentionTests : IDisposable
{
    private const int KiB = 1024;
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly StorageTestKit _kit = new(Now);

    [Fact]
    public void A_low_disk_takes_from_the_camera_furthest_above_its_share_not_the_oldest_day_of_all()
    {
        _kit.Plant("quiet/2026-11-01/a.jpg", 10 * KiB, Now.AddDays(-30)); // the oldest day of all, a small camera
        _kit.Plant("busy/2026-11-20/a.mp4", 300 * KiB, Now.AddDays(-11));
        _kit.Plant("busy/2026-11-25/a.mp4", 300 * KiB, Now.AddDays(-6));
        _kit.Plant("busy/2026-12-01/a.mp4", 300 * KiB, Now);

        // A 1 MiB disk: free space is what the camera folders leave; half must stay free. Each camera's share is 512 KiB.
        var deleted = Sweeper(new StorageOptions { RetentionDays = 0, MinFreeDiskPercent = 50 }).Sweep();

        Assert.Equal([_kit.OnDisk("busy", "2026-11-20"), _kit.OnDisk("busy", "2026-11-25")], deleted);
        Assert.True(File.Exists(_kit.OnDisk("quiet", "2026-11-01", "a.jpg")));
        Assert.True(File.Exists(_kit.OnDisk("busy", "2026-12-01", "a.mp4"))); // today stays
    }

    [Fact]
    public void A_camera_over_its_quota_goes_first_even_when_another_uses_more()
    {
        _kit.Plant("capped/2026-11-25/a.jpg", 200 * KiB, Now.AddDays(-6));
        _kit.Plant("capped/2026-11-26/a.jpg", 200 * KiB, Now.AddDays(-5));
        _kit.Plant("big/2026-11-20/a.mp4", 500 * KiB, Now.AddDays(-11));

        var options = new StorageOptions { RetentionDays = 0, MinFreeDiskPercent = 20 };
        var deleted = Sweeper(options, camera => camera == "capped" ? 100 * KiB : 0).Sweep();

        Assert.Equal(_kit.OnDisk("capped", "2026-11-25"), deleted[0]);
        Assert.True(File.Exists(_kit.OnDisk("big", "2026-11-20", "a.mp4")));
    }

    [Fact]
    public void Folders_the_receiver_did_not_make_are_swept_by_their_files_age_and_future_dates_count_from_today()
    {
        _kit.Plant("cam1/recordings/old.jpg", 10, Now.AddDays(-40));
        _kit.Plant("cam1/recordings/new.jpg", 10, Now.AddDays(-2));
        _kit.Plant("cam1/loose-old.jpg", 10, Now.AddDays(-40));
        _kit.Plant("cam1/2999-01-01/stale.jpg", 10, Now.AddDays(-40));
        _kit.Plant("cam1/2998-01-01/fresh.jpg", 10, Now);

        var deleted = Sweeper(new StorageOptions { RetentionDays = 30, MinFreeDiskPercent = 0 }).Sweep();

        Assert.Equal(2, deleted.Count);
        Assert.False(File.Exists(_kit.OnDisk("cam1", "recordings", "old.jpg")));
        Assert.False(File.Exists(_kit.OnDisk("cam1", "loose-old.jpg")));
        Assert.True(File.Exists(_kit.OnDisk("cam1", "recordings", "new.jpg")));
        Assert.False(Directory.Exists(_kit.OnDisk("cam1", "2999-01-01")));
        Assert.True(File.Exists(_kit.OnDisk("cam1", "2998-01-01", "fresh.jpg")));
    }

    private RetentionSweeper Sweeper(StorageOptions options, Func<string, long>? quotaOf = null)
    {
        options.Root = _kit.Root;
        return new RetentionSweeper(_kit.Storage.Paths, options, _kit.Time, NullLogger<RetentionSweeper>.Instance, Disk, _kit.Storage.Quota, quotaOf);
    }

    // A 1 MiB volume holding only the camera folders.
    private DiskUsage Disk(string root)
    {
        var used = Directory.GetDirectories(root).Where(d => !Path.GetFileName(d).StartsWith('.')).Sum(CameraHistory.MeasureBytes);
        return new DiskUsage(1024 * KiB, (1024 * KiB) - used);
    }

    public void Dispose() => _kit.Dispose();
}
