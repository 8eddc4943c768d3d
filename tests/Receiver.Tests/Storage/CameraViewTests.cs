namespace Receiver.Tests.Storage;

/// <summary>The daily layout as the camera sees it: today's folder is "/", with a grace window after midnight.</summary>
public sealed class CameraViewTests : IDisposable
{
    private readonly StorageTestKit _kit = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    public CameraViewTests() => _kit.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    private void MorningOfDecember1() => _kit.Time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_file_put_in_a_folder_is_stat_and_listed_there_and_stored_under_todays_folder()
    {
        MorningOfDecember1();
        var fs = _kit.Session();
        fs.CreateDirectory("/sub");
        var bytes = StorageTestKit.Bytes(5_000);
        var committed = await StorageTestKit.UploadAsync(fs, "/sub/rc.jpg", bytes);

        Assert.Equal("/sub/rc.jpg", committed.FinalVirtualPath);
        Assert.Equal(bytes, File.ReadAllBytes(_kit.OnDisk("cam1", "2026-12-01", "sub", "rc.jpg")));
        Assert.Equal(5_000, fs.Stat("/sub/rc.jpg").Size);
        Assert.Equal(["rc.jpg"], fs.ListDirectory("/sub").Select(e => e.Name));
        Assert.Equal(["sub"], fs.ListDirectory("/").Select(e => e.Name)); // no day folder, no empty twin of "sub"
        Assert.Equal(["2026-12-01"], Directory.GetDirectories(_kit.OnDisk("cam1")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_camera_that_makes_its_own_date_folders_gets_them_inside_the_day_folder()
    {
        MorningOfDecember1();
        var fs = _kit.Session();
        fs.CreateDirectory("/2026-12-01");
        fs.CreateDirectory("/2026-12-01/001");
        await StorageTestKit.UploadAsync(fs, "/2026-12-01/001/A.jpg", [1, 2, 3]);

        Assert.True(File.Exists(_kit.OnDisk("cam1", "2026-12-01", "2026-12-01", "001", "A.jpg")));
        Assert.Equal(["A.jpg"], fs.ListDirectory("/2026-12-01/001").Select(e => e.Name));
    }

    [Fact]
    public async Task Across_midnight_the_last_upload_stays_visible_for_the_grace_window_and_the_next_goes_under_the_new_day()
    {
        _kit.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 23, 59, 58, TimeSpan.Zero));
        var fs = _kit.Session();
        fs.CreateDirectory("/sub");
        Assert.True(fs.Stat("/sub").IsDirectory); // the session changed into it (FTP CWD)
        await StorageTestKit.UploadAsync(fs, "/sub/late.jpg", [1, 2, 3]);

        _kit.Time.Advance(TimeSpan.FromSeconds(5)); // 00:00:03
        Assert.Equal(3, fs.Stat("/sub/late.jpg").Size);
        Assert.Equal(["late.jpg"], fs.ListDirectory("/sub").Select(e => e.Name));
        await StorageTestKit.UploadAsync(fs, "/sub/early.jpg", [4, 5]);
        Assert.True(File.Exists(_kit.OnDisk("cam1", "2026-11-30", "sub", "late.jpg")));
        Assert.True(File.Exists(_kit.OnDisk("cam1", "2026-12-01", "sub", "early.jpg")));
        Assert.Equal(["early.jpg", "late.jpg"], fs.ListDirectory("/sub").Select(e => e.Name));

        _kit.Time.Advance(TimeSpan.FromMinutes(20)); // the grace window is over
        Assert.Equal(["early.jpg"], fs.ListDirectory("/sub").Select(e => e.Name));
        Assert.Equal(FileSystemError.NotFound, Assert.Throws<FileSystemException>(() => fs.Stat("/sub/late.jpg")).Error);
    }

    [Fact]
    public async Task A_folder_the_session_changed_into_stays_valid_after_midnight_and_is_made_again_when_an_upload_needs_it()
    {
        _kit.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 23, 50, 0, TimeSpan.Zero));
        var fs = _kit.Session();
        fs.CreateDirectory("/alarm");
        fs.CreateDirectory("/alarm/cam");

        _kit.Time.Advance(TimeSpan.FromHours(1)); // 00:50, well past the grace window
        Assert.True(fs.Stat("/alarm/cam").IsDirectory);
        Assert.Empty(fs.ListDirectory("/alarm/cam"));
        await StorageTestKit.UploadAsync(fs, "/alarm/cam/x.jpg", [1]);

        Assert.True(File.Exists(_kit.OnDisk("cam1", "2026-12-01", "alarm", "cam", "x.jpg")));
        Assert.Equal(FileSystemError.NotFound, Assert.Throws<FileSystemException>(() => _kit.Session().Stat("/alarm/none")).Error);
    }

    [Fact]
    public async Task Nothing_of_yesterday_is_reachable_without_download_or_delete()
    {
        await StorageTestKit.UploadAsync(_kit.Session(), "/old.jpg", [9, 9]);
        _kit.Time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var fs = _kit.Session(permissions: CameraPermissions.Default);

        Assert.Empty(fs.ListDirectory("/"));
        foreach (var path in new[] { "/old.jpg", "/../2026-11-30/old.jpg", "/2026-11-30/old.jpg" })
        {
            Assert.Equal(FileSystemError.NotFound, Assert.Throws<FileSystemException>(() => fs.Stat(path)).Error);
        }

        foreach (var path in new[] { "/.archive", "/.archive/2026-11-30/old.jpg" })
        {
            Assert.Equal(FileSystemError.PermissionDenied, Assert.Throws<FileSystemException>(() => fs.Stat(path)).Error);
        }

        Assert.Equal(FileSystemError.PermissionDenied, Assert.Throws<FileSystemException>(() => fs.Rename("/.archive/2026-11-30/old.jpg", "/mine.jpg", false)).Error);
        Assert.Equal(FileSystemError.PermissionDenied, Assert.Throws<FileSystemException>(() => fs.BeginUpload("/.archive/2026-11-30/old.jpg")).Error);
        Assert.Equal(FileSystemError.PermissionDenied, Assert.Throws<FileSystemException>(() => fs.ListDirectory("/.versions")).Error);
        Assert.Equal([9, 9], File.ReadAllBytes(_kit.OnDisk("cam1", "2026-11-30", "old.jpg")));
    }

    [Fact]
    public async Task Download_reaches_earlier_days_read_only_under_archive_and_delete_may_delete_them()
    {
        await StorageTestKit.UploadAsync(_kit.Session(), "/sub/old.jpg", [9, 9]);
        _kit.Time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

        var reader = _kit.Session(permissions: CameraPermissions.Default | CameraPermissions.Download);
        Assert.Contains(reader.ListDirectory("/"), e => e.Name == ".archive" && e.IsDirectory);
        Assert.Equal(["2026-11-30"], reader.ListDirectory("/.archive").Select(e => e.Name));
        Assert.Equal(2, reader.Stat("/.archive/2026-11-30/sub/old.jpg").Size);
        using (var file = reader.OpenRead("/.archive/2026-11-30/sub/old.jpg"))
        {
            var buffer = new byte[4];
            Assert.Equal(2, await file.ReadAsync(0, buffer));
        }

        Assert.Equal(FileSystemError.PermissionDenied, Assert.Throws<FileSystemException>(() => reader.BeginUpload("/.archive/2026-11-30/sub/old.jpg")).Error);
        Assert.Equal(FileSystemError.PermissionDenied, Assert.Throws<FileSystemException>(() => reader.CreateDirectory("/.archive/new")).Error);
        Assert.Equal(FileSystemError.PermissionDenied, Assert.Throws<FileSystemException>(() => reader.Rename("/.archive/2026-11-30/sub/old.jpg", "/.archive/2026-11-30/sub/x.jpg", false)).Error);
        Assert.Equal(FileSystemError.PermissionDenied, Assert.Throws<FileSystemException>(() => reader.DeleteFile("/.archive/2026-11-30/sub/old.jpg")).Error);
        Assert.Equal(FileSystemError.PermissionDenied, Assert.Throws<FileSystemException>(() => reader.SetLastWriteTime("/.archive/2026-11-30/sub/old.jpg", DateTimeOffset.UnixEpoch)).Error);

        var deleter = _kit.Session(permissions: CameraPermissions.Default | CameraPermissions.Delete);
        deleter.DeleteFile("/.archive/2026-11-30/sub/old.jpg");
        deleter.RemoveDirectory("/.archive/2026-11-30/sub");
        Assert.False(Directory.Exists(_kit.OnDisk("cam1", "2026-11-30", "sub")));
    }

    [Fact]
    public void Data_in_the_old_flat_form_of_today_is_listed_at_the_root_and_swept_with_its_day()
    {
        MorningOfDecember1();
        _kit.Plant("cam1/2026-12-01/flat.jpg", 10);
        _kit.Plant("cam1/2026-10-01/flat-old.jpg", 10, new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero));
        var fs = _kit.Session();

        Assert.Equal(["flat.jpg"], fs.ListDirectory("/").Select(e => e.Name));
        Assert.Equal(10, fs.Stat("/flat.jpg").Size);

        var sweeper = new RetentionSweeper(_kit.Storage.Paths, new StorageOptions { RetentionDays = 30, MinFreeDiskPercent = 0 }, _kit.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<RetentionSweeper>.Instance, _ => new DiskUsage(100, 100));
        Assert.Equal([_kit.OnDisk("cam1", "2026-10-01")], sweeper.Sweep());
        Assert.True(File.Exists(_kit.OnDisk("cam1", "2026-12-01", "flat.jpg")));
    }

    public void Dispose() => _kit.Dispose();
}
