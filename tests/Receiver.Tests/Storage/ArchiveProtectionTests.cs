namespace Receiver.Tests.Storage;

/// <summary>Only the delete permission destroys: each route that could replace stored content, without and with it.</summary>
public sealed class ArchiveProtectionTests : IDisposable
{
    private static readonly byte[] Victim = "the original recording"u8.ToArray();

    private readonly StorageTestKit _kit = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    private string VictimOnDisk => _kit.OnDisk("cam1", "2026-12-01", "victim.jpg");

    [Fact]
    public async Task Without_delete_no_route_removes_or_replaces_stored_content()
    {
        await StorageTestKit.UploadAsync(_kit.Session(), "/victim.jpg", Victim);
        await StorageTestKit.UploadAsync(_kit.Session(), "/empty.jpg", []);
        var attacker = _kit.Session(); // a later session with the stolen password and the default permissions
        var stamp = File.GetLastWriteTimeUtc(VictimOnDisk);

        Refused(() => attacker.Rename("/empty.jpg", "/victim.jpg", replaceExisting: true), "delete permission"); // posix-rename, RNTO
        Assert.Equal(FileSystemError.AlreadyExists, Assert.Throws<FileSystemException>(() => attacker.Rename("/empty.jpg", "/victim.jpg", replaceExisting: false)).Error);
        Refused(() => attacker.SetLastWriteTime("/victim.jpg", DateTimeOffset.UnixEpoch), "delete permission"); // SETSTAT, MFMT
        Refused(() => attacker.DeleteFile("/victim.jpg"), "deleting");
        Refused(() => attacker.RemoveDirectory("/"), "deleting");

        Assert.Equal(Victim, File.ReadAllBytes(VictimOnDisk));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(VictimOnDisk));
    }

    [Fact]
    public async Task Upload_over_truncation_and_a_resume_that_rewrites_the_head_keep_the_old_content_as_versions()
    {
        await StorageTestKit.UploadAsync(_kit.Session(), "/victim.jpg", Victim);
        var attacker = _kit.Session();

        await StorageTestKit.UploadAsync(attacker, "/victim.jpg", []); // STOR over it, SFTP open with TRUNC
        _kit.Time.Advance(TimeSpan.FromSeconds(1));
        await StorageTestKit.UploadAsync(attacker, "/victim.jpg", "XX"u8.ToArray());
        _kit.Time.Advance(TimeSpan.FromSeconds(1));
        await StorageTestKit.UploadAsync(attacker, "/victim.jpg", "YY"u8.ToArray(), keep: 2, at: 0); // open without TRUNC, write at 0

        Assert.Equal("YY", File.ReadAllText(VictimOnDisk));
        var versions = Directory.GetFiles(_kit.OnDisk("cam1", "2026-12-01", ".versions")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, versions.Count);
        Assert.Equal(Victim, File.ReadAllBytes(versions[0]));
        Assert.Equal("", File.ReadAllText(versions[1]));
        Assert.Equal("XX", File.ReadAllText(versions[2]));
        Assert.StartsWith("victim.jpg.~20261201-100000-000~", Path.GetFileName(versions[0]), StringComparison.Ordinal);
        Assert.Equal(["victim.jpg"], attacker.ListDirectory("/").Select(e => e.Name)); // versions are out of the camera's view
    }

    [Fact]
    public async Task A_fixed_name_camera_uploads_under_the_same_name_and_a_pure_append_keeps_no_version()
    {
        var camera = _kit.Session();
        await StorageTestKit.UploadAsync(camera, "/snapshot.jpg", "first"u8.ToArray());
        await StorageTestKit.UploadAsync(camera, "/snapshot.jpg", "second"u8.ToArray());
        Assert.Equal("second", File.ReadAllText(_kit.OnDisk("cam1", "2026-12-01", "snapshot.jpg")));
        Assert.Equal("first", File.ReadAllText(Assert.Single(Directory.GetFiles(_kit.OnDisk("cam1", "2026-12-01", ".versions")))));

        await StorageTestKit.UploadAsync(camera, "/snapshot.jpg", "+more"u8.ToArray(), keep: 6); // APPE, REST+STOR at the end
        Assert.Equal("second+more", File.ReadAllText(_kit.OnDisk("cam1", "2026-12-01", "snapshot.jpg")));
        Assert.Single(Directory.GetFiles(_kit.OnDisk("cam1", "2026-12-01", ".versions")));
    }

    [Fact]
    public async Task A_session_may_set_the_time_of_its_own_upload_but_not_of_anything_stored_before()
    {
        var camera = _kit.Session();
        await StorageTestKit.UploadAsync(camera, "/snap.jpg.tmp", [1]);
        camera.Rename("/snap.jpg.tmp", "/snap.jpg", replaceExisting: false);
        var time = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

        camera.SetLastWriteTime("/snap.jpg", time); // put -p, MFMT after STOR

        Assert.Equal(time.UtcDateTime, File.GetLastWriteTimeUtc(_kit.OnDisk("cam1", "2026-12-01", "snap.jpg")));
        Refused(() => _kit.Session().SetLastWriteTime("/snap.jpg", DateTimeOffset.UnixEpoch), "delete permission");
    }

    [Fact]
    public async Task With_delete_each_route_works()
    {
        await StorageTestKit.UploadAsync(_kit.Session(), "/victim.jpg", Victim);
        await StorageTestKit.UploadAsync(_kit.Session(), "/other.jpg", "other"u8.ToArray());
        var owner = _kit.Session(permissions: CameraPermissions.Default | CameraPermissions.Delete);

        owner.SetLastWriteTime("/victim.jpg", DateTimeOffset.UnixEpoch);
        Assert.Equal(DateTime.UnixEpoch, File.GetLastWriteTimeUtc(VictimOnDisk));
        owner.Rename("/other.jpg", "/victim.jpg", replaceExisting: true);
        Assert.Equal("other", File.ReadAllText(VictimOnDisk));
        await StorageTestKit.UploadAsync(owner, "/victim.jpg", "new"u8.ToArray());
        Assert.Equal("new", File.ReadAllText(VictimOnDisk));
        Assert.False(Directory.Exists(_kit.OnDisk("cam1", "2026-12-01", ".versions"))); // replaced outright
        owner.DeleteFile("/victim.jpg");
        Assert.False(File.Exists(VictimOnDisk));
    }

    [Fact]
    public async Task Overwrite_replaces_without_versions_but_does_not_delete()
    {
        await StorageTestKit.UploadAsync(_kit.Session(), "/victim.jpg", Victim);
        var replacer = _kit.Session(permissions: CameraPermissions.Default | CameraPermissions.Overwrite);

        await StorageTestKit.UploadAsync(replacer, "/victim.jpg", "new"u8.ToArray());

        Assert.Equal("new", File.ReadAllText(VictimOnDisk));
        Assert.False(Directory.Exists(_kit.OnDisk("cam1", "2026-12-01", ".versions")));
        Refused(() => replacer.DeleteFile("/victim.jpg"), "deleting");
    }

    private static void Refused(Action action, string reason)
    {
        var ex = Assert.Throws<FileSystemException>(action);
        Assert.Equal(FileSystemError.PermissionDenied, ex.Error);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _kit.Dispose();
}
