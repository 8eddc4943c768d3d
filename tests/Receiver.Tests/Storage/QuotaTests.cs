namespace Receiver.Tests.Storage;

/// <summary>A quota per camera: logical bytes as written, staged uploads included, room made from the camera's own oldest days.</summary>
public sealed class QuotaTests : IDisposable
{
    private const int KiB = 1024;
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly StorageTestKit _kit = new(Now, new StorageOptions { CameraQuotaMegabytes = 1 });

    [Fact]
    public async Task A_write_at_a_far_offset_is_refused_and_a_huge_sparse_file_cannot_be_resumed()
    {
        var fs = _kit.Session();
        await using (var upload = fs.BeginUpload("/sparse.bin"))
        {
            var ex = await Assert.ThrowsAsync<FileSystemException>(async () => await upload.WriteAsync(64L << 30, new byte[1]));
            Assert.Equal(FileSystemError.QuotaExceeded, ex.Error);
            Assert.StartsWith("quota exceeded", ex.Message, StringComparison.Ordinal);
        }

        // Without a quota the per-file cap (Storage:MaxUploadMegabytes, 4096 by default) refuses it just the same.
        var unlimited = _kit.Session("cam2", quotaMegabytes: 0);
        await using (var upload = unlimited.BeginUpload("/sparse.bin"))
        {
            Assert.Equal(FileSystemError.QuotaExceeded, (await Assert.ThrowsAsync<FileSystemException>(async () => await upload.WriteAsync(64L << 30, new byte[1]))).Error);
        }

        // A sparse file left by an earlier version is not copied zero by zero into a staged upload: refused before.
        var planted = _kit.Plant("cam1/2026-12-01/old-sparse.bin", 0);
        using (var stream = File.OpenWrite(planted))
        {
            stream.SetLength(64L << 30);
        }

        Assert.Equal(FileSystemError.QuotaExceeded, Assert.Throws<FileSystemException>(() => _kit.Session("cam1", quotaMegabytes: 100).BeginUpload("/old-sparse.bin", 64L << 30)).Error);
        Assert.Empty(_kit.Incoming());
        Assert.False(File.Exists(_kit.OnDisk("cam1", "2026-12-01", "sparse.bin")));
    }

    [Fact]
    public async Task A_camera_at_its_quota_makes_room_from_its_oldest_day_and_the_upload_succeeds()
    {
        _kit.Plant("cam1/2026-11-28/a.jpg", 300 * KiB, Now.AddDays(-3));
        _kit.Plant("cam1/2026-11-30/b.jpg", 300 * KiB, Now.AddDays(-1));
        _kit.Plant("cam2/2026-11-01/other.jpg", 900 * KiB, Now.AddDays(-30));

        await StorageTestKit.UploadAsync(_kit.Session(), "/alarm.jpg", StorageTestKit.Bytes(500 * KiB));

        Assert.True(File.Exists(_kit.OnDisk("cam1", "2026-12-01", "alarm.jpg")));
        Assert.False(Directory.Exists(_kit.OnDisk("cam1", "2026-11-28")));
        Assert.True(File.Exists(_kit.OnDisk("cam1", "2026-11-30", "b.jpg")));
        Assert.True(File.Exists(_kit.OnDisk("cam2", "2026-11-01", "other.jpg"))); // another camera's history is not touched
        Assert.Equal(800 * KiB, _kit.Storage.Quota.UsedBytes("cam1"));
    }

    [Fact]
    public async Task Uploads_in_progress_count_together()
    {
        var fs = _kit.Session();
        await using var first = fs.BeginUpload("/one.mp4");
        await using var second = fs.BeginUpload("/two.mp4");
        await first.WriteAsync(0, StorageTestKit.Bytes(600 * KiB));

        var ex = await Assert.ThrowsAsync<FileSystemException>(async () => await second.WriteAsync(0, StorageTestKit.Bytes(600 * KiB)));

        Assert.Equal(FileSystemError.QuotaExceeded, ex.Error);
        await fs.CommitUploadAsync(first);
        Assert.True(File.Exists(_kit.OnDisk("cam1", "2026-12-01", "one.mp4")));
        Assert.False(File.Exists(_kit.OnDisk("cam1", "2026-12-01", "two.mp4")));
    }

    [Fact]
    public async Task Today_alone_over_the_quota_is_refused_cleanly_and_an_aborted_upload_gives_its_bytes_back()
    {
        _kit.Plant("cam1/2026-11-30/b.jpg", 100 * KiB, Now.AddDays(-1));
        var fs = _kit.Session();
        await using (var upload = fs.BeginUpload("/huge.mp4"))
        {
            await upload.WriteAsync(0, StorageTestKit.Bytes(800 * KiB));
            var ex = await Assert.ThrowsAsync<FileSystemException>(async () => await upload.WriteAsync(800 * KiB, StorageTestKit.Bytes(400 * KiB)));
            Assert.Equal(FileSystemError.QuotaExceeded, ex.Error);
        }

        Assert.False(File.Exists(_kit.OnDisk("cam1", "2026-12-01", "huge.mp4")));
        Assert.Empty(_kit.Incoming());
        Assert.Equal(0, _kit.Storage.Quota.UsedBytes("cam1")); // yesterday went first, then the upload was given up

        await StorageTestKit.UploadAsync(fs, "/next.jpg", StorageTestKit.Bytes(900 * KiB)); // the aborted bytes no longer count
    }

    [Fact]
    public async Task Kept_versions_count_in_the_quota()
    {
        var fs = _kit.Session();
        await StorageTestKit.UploadAsync(fs, "/snap.jpg", StorageTestKit.Bytes(600 * KiB));

        await using var again = fs.BeginUpload("/snap.jpg");
        var ex = await Assert.ThrowsAsync<FileSystemException>(async () => await again.WriteAsync(0, StorageTestKit.Bytes(600 * KiB)));

        Assert.Equal(FileSystemError.QuotaExceeded, ex.Error);
    }

    public void Dispose() => _kit.Dispose();
}
