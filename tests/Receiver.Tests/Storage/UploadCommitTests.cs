namespace Receiver.Tests.Storage;

public sealed class UploadCommitTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 10, 30, 0, TimeSpan.Zero));

    private string Root => _temp.Combine("data");

    [Fact]
    public async Task Daily_layout_files_the_upload_under_the_day_it_completed_at_the_path_the_camera_chose()
    {
        _time.SetLocalTimeZone(TimeZoneInfo.Utc);
        var fs = OpenSession(StorageLayout.Daily, CameraProtocols.Ftp);
        fs.CreateDirectory("/recordings");
        var bytes = RandomBytes(100_000);

        await using var upload = fs.BeginUpload("/recordings/A_20261128.jpg");
        await upload.WriteAsync(0, bytes);
        _time.Advance(TimeSpan.FromDays(1)); // completes on the next day
        var committed = await fs.CommitUploadAsync(upload);

        Assert.Equal("/recordings/A_20261128.jpg", committed.FinalVirtualPath);
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(Root, "cam1", "2026-11-29", "recordings", "A_20261128.jpg")));
        Assert.True(Directory.Exists(Path.Combine(Root, "cam1", "2026-11-28", "recordings"))); // MKD made it inside that day
        Assert.False(Directory.Exists(Path.Combine(Root, "cam1", "recordings")));
        Assert.Equal(bytes.Length, fs.Stat("/recordings/A_20261128.jpg").Size);
        Assert.Equal(["A_20261128.jpg"], fs.ListDirectory("/recordings").Select(e => e.Name));
    }

    [Fact]
    public async Task Camera_layout_keeps_the_cameras_own_path()
    {
        var fs = OpenSession(StorageLayout.Camera, CameraProtocols.Sftp);
        fs.CreateDirectory("/a");
        fs.CreateDirectory("/a/b");
        await Upload(fs, "/a/b/clip.mp4", "clip"u8.ToArray());

        Assert.Equal("clip", File.ReadAllText(Path.Combine(Root, "cam1", "a", "b", "clip.mp4")));
        Assert.Equal(FileSystemError.NotFound, Assert.Throws<FileSystemException>(() => fs.BeginUpload("/missing/x.jpg")).Error);
    }

    [Fact]
    public async Task Nothing_appears_under_the_final_name_before_commit_and_an_abort_leaves_nothing()
    {
        var (fs, upload) = await UncommittedUploadAsync(StorageLayout.Camera, "/snap.jpg", 50_000);
        Assert.False(File.Exists(Path.Combine(Root, "cam1", "snap.jpg")));
        Assert.Equal(FileSystemError.NotFound, Assert.Throws<FileSystemException>(() => fs.Stat("/snap.jpg")).Error);

        await upload.DisposeAsync(); // the connection dropped

        Assert.False(File.Exists(Path.Combine(Root, "cam1", "snap.jpg")));
        Assert.Empty(Directory.GetFiles(Path.Combine(Root, ".receiver", "incoming")));
    }

    [Fact]
    public async Task A_writer_killed_before_commit_leaves_no_final_file_and_the_next_start_removes_its_temporary()
    {
        await UncommittedUploadAsync(StorageLayout.Daily, "/snap.jpg", 10_000);
        // The process dies here: no commit, no dispose.
        Assert.Single(Directory.GetFiles(Path.Combine(Root, ".receiver", "incoming")));
        Assert.Empty(Directory.GetFiles(Path.Combine(Root, "cam1"), "*", SearchOption.AllDirectories));

        var restarted = new CameraStorage(Root, StorageLayout.Daily, _time);
        Assert.Equal(1, restarted.RemoveLeftoverUploads());
        Assert.Empty(Directory.GetFiles(Path.Combine(Root, ".receiver", "incoming")));
    }

    [Fact]
    public async Task A_same_named_upload_replaces_the_file_whole_and_keeps_the_old_content_as_a_version()
    {
        _time.SetLocalTimeZone(TimeZoneInfo.Utc);
        var fs = OpenSession(StorageLayout.Camera, CameraProtocols.Ftp);
        var first = RandomBytes(300_000);
        await Upload(fs, "/snap.jpg", first);
        var second = RandomBytes(1_000);
        await Upload(fs, "/snap.jpg", second);

        Assert.Equal(second, File.ReadAllBytes(Path.Combine(Root, "cam1", "snap.jpg")));
        var version = Assert.Single(Directory.GetFiles(Path.Combine(Root, "cam1", ".versions", "2026-11-28")));
        Assert.Equal(first, File.ReadAllBytes(version));
        Assert.DoesNotContain(fs.ListDirectory("/"), e => e.Name == ".versions");
    }

    [Fact]
    public async Task Out_of_order_writes_at_offsets_produce_the_right_file_and_resume_keeps_the_head()
    {
        var fs = OpenSession(StorageLayout.Camera, CameraProtocols.Sftp);
        var bytes = RandomBytes(96 * 1024);
        await using (var upload = fs.BeginUpload("/clip.mp4"))
        {
            foreach (var offset in new[] { 64 * 1024, 0, 32 * 1024 })
            {
                await upload.WriteAsync(offset, bytes.AsMemory(offset, 32 * 1024));
            }

            Assert.Equal(bytes.Length, upload.Length);
            await fs.CommitUploadAsync(upload);
        }

        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(Root, "cam1", "clip.mp4")));

        var longer = bytes.Concat(RandomBytes(10_000)).ToArray();
        await using (var resume = fs.BeginUpload("/clip.mp4", keepExistingBytes: bytes.Length))
        {
            await resume.WriteAsync(bytes.Length, longer.AsMemory(bytes.Length));
            await fs.CommitUploadAsync(resume);
        }

        Assert.Equal(longer, File.ReadAllBytes(Path.Combine(Root, "cam1", "clip.mp4")));
    }

    [Fact]
    public async Task Permissions_default_to_no_delete_and_no_download_and_can_be_switched_on()
    {
        var storage = new CameraStorage(Root, StorageLayout.Camera, _time);
        var fs = storage.OpenSession(TestAccounts.Camera(), CameraProtocols.Ftp, null);
        await Upload(fs, "/snap.jpg", "x"u8.ToArray());

        Assert.Equal(FileSystemError.PermissionDenied, Assert.Throws<FileSystemException>(() => fs.DeleteFile("/snap.jpg")).Error);
        Assert.Equal(FileSystemError.PermissionDenied, Assert.Throws<FileSystemException>(() => fs.OpenRead("/snap.jpg")).Error);
        Assert.True(File.Exists(Path.Combine(Root, "cam1", "snap.jpg")));

        var open = storage.OpenSession(TestAccounts.Camera(permissions: CameraPermissions.Default | CameraPermissions.Delete | CameraPermissions.Download), CameraProtocols.Ftp, null);
        using (var reader = open.OpenRead("/snap.jpg"))
        {
            var buffer = new byte[10];
            Assert.Equal(1, await reader.ReadAsync(0, buffer));
        }

        open.DeleteFile("/snap.jpg");
        Assert.False(File.Exists(Path.Combine(Root, "cam1", "snap.jpg")));
    }

    [Fact]
    public async Task Rename_after_upload_in_daily_layout_stays_where_the_camera_put_it_in_todays_folder()
    {
        _time.SetLocalTimeZone(TimeZoneInfo.Utc);
        var fs = OpenSession(StorageLayout.Daily, CameraProtocols.Ftp);
        await Upload(fs, "/up/snap.jpg.tmp", "x"u8.ToArray());
        fs.Rename("/up/snap.jpg.tmp", "/up/snap.jpg", replaceExisting: false);

        Assert.True(File.Exists(Path.Combine(Root, "cam1", "2026-11-28", "up", "snap.jpg")));
        Assert.False(File.Exists(Path.Combine(Root, "cam1", "2026-11-28", "up", "snap.jpg.tmp")));
    }

    private static async Task Upload(ISessionFileSystem fs, string path, byte[] bytes)
    {
        await using var upload = fs.BeginUpload(path);
        await upload.WriteAsync(0, bytes);
        await fs.CommitUploadAsync(upload);
    }

    /// <summary>An SFTP upload of random bytes written but not committed, as a camera that stops mid-transfer leaves it.</summary>
    private async Task<(ISessionFileSystem Session, IUpload Upload)> UncommittedUploadAsync(StorageLayout layout, string path, int length)
    {
        var fs = OpenSession(layout, CameraProtocols.Sftp);
        var upload = fs.BeginUpload(path);
        await upload.WriteAsync(0, RandomBytes(length));
        return (fs, upload);
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    /// <summary>The test camera's session on the storage under <see cref="Root"/>, on the test's clock.</summary>
    private ISessionFileSystem OpenSession(StorageLayout layout, CameraProtocols protocol) =>
        new CameraStorage(Root, layout, _time).OpenSession(TestAccounts.Camera(), protocol, null);

    public void Dispose() => _temp.Dispose();
}
