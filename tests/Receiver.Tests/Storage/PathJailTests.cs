namespace Receiver.Tests.Storage;

public sealed class PathJailTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly CameraStorage _storage;
    private readonly ISessionFileSystem _fs;

    public PathJailTests()
    {
        _time.SetLocalTimeZone(TimeZoneInfo.Utc);
        _storage = new CameraStorage(_temp.Combine("data"), time: _time);
        _fs = _storage.OpenSession(TestAccounts.Camera(), CameraProtocols.Sftp, null);
        File.WriteAllText(_temp.Combine("data", "secret.txt"), "outside the camera folder");
        Directory.CreateDirectory(_temp.Combine("data", "othercam"));
        File.WriteAllText(_temp.Combine("data", "othercam", "x.jpg"), "another camera's file");
    }

    [Theory]
    [InlineData("../secret.txt")]
    [InlineData("/../secret.txt")]
    [InlineData("/../../../../etc/passwd")]
    [InlineData("a/../../secret.txt")]
    [InlineData("/./../othercam/x.jpg")]
    [InlineData("//..//..//secret.txt")]
    public void Dot_dot_stays_inside_the_camera_folder(string path)
    {
        // ".." at the root stays at the root, as in an OpenSSH chroot: the name is looked up in the camera's own folder.
        Assert.Equal(FileSystemError.NotFound, ErrorOf(() => _fs.Stat(path)));
        Assert.Throws<FileSystemException>(() => _fs.Rename(path, "/mine.txt", true));
        Assert.True(File.Exists(_temp.Combine("data", "secret.txt")));
        Assert.True(File.Exists(_temp.Combine("data", "othercam", "x.jpg")));
    }

    [Theory]
    [InlineData("..\\secret.txt")]
    [InlineData("a\\..\\..\\secret.txt")]
    [InlineData("x\0.jpg")]
    [InlineData("x\n.jpg")]
    public void Backslashes_and_control_characters_are_refused(string path)
    {
        Assert.Equal(FileSystemError.InvalidPath, ErrorOf(() => _fs.BeginUpload(path)));
    }

    [Fact]
    public void Over_long_names_and_paths_are_refused()
    {
        Assert.Equal(FileSystemError.InvalidPath, ErrorOf(() => _fs.BeginUpload("/" + new string('a', 256))));
        Assert.Equal(FileSystemError.InvalidPath, ErrorOf(() => _fs.BeginUpload("/" + string.Join('/', Enumerable.Repeat("abcdefghij", 100)))));
        Assert.Equal(FileSystemError.InvalidPath, ErrorOf(() => _fs.BeginUpload("/" + new string('é', 128))));
    }

    [Fact]
    public async Task An_upload_with_dot_dot_lands_in_the_camera_folder_not_above_it()
    {
        await using (var upload = _fs.BeginUpload("/../../escape.jpg"))
        {
            await upload.WriteAsync(0, "jpg"u8.ToArray());
            await _fs.CommitUploadAsync(upload);
        }

        Assert.False(File.Exists(_temp.Combine("escape.jpg")));
        Assert.False(File.Exists(_temp.Combine("data", "escape.jpg")));
        var filed = Directory.GetFiles(_temp.Combine("data", "cam1"), "escape.jpg", SearchOption.AllDirectories);
        Assert.Single(filed);
    }

    [Fact]
    public void A_planted_symlink_is_never_followed()
    {
        var camera = _temp.Combine("data", "cam1", "2026-12-01"); // the camera's "/" today
        Directory.CreateDirectory(camera);
        File.CreateSymbolicLink(Path.Combine(camera, "link.txt"), _temp.Combine("data", "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(camera, "linkdir"), _temp.Combine("data", "othercam"));

        Assert.Equal(FileSystemError.PermissionDenied, ErrorOf(() => _fs.Stat("/link.txt")));
        Assert.Equal(FileSystemError.PermissionDenied, ErrorOf(() => _fs.ListDirectory("/linkdir")));
        Assert.Equal(FileSystemError.PermissionDenied, ErrorOf(() => _fs.Stat("/linkdir/x.jpg")));
        Assert.Equal(FileSystemError.PermissionDenied, ErrorOf(() => _fs.Rename("/linkdir/x.jpg", "/stolen.jpg", true)));
        Assert.DoesNotContain(_fs.ListDirectory("/"), e => e.Name is "link.txt" or "linkdir");
        Assert.Equal("another camera's file", File.ReadAllText(_temp.Combine("data", "othercam", "x.jpg")));

        // The archive view of an account that may download refuses the same links, and a day folder that is a link.
        var reader = _storage.OpenSession(TestAccounts.Camera(permissions: CameraPermissions.Default | CameraPermissions.Download), CameraProtocols.Sftp, null);
        Directory.CreateSymbolicLink(_temp.Combine("data", "cam1", "2026-11-30"), _temp.Combine("data", "othercam"));
        Assert.Equal(FileSystemError.PermissionDenied, ErrorOf(() => reader.OpenRead("/.archive/2026-12-01/link.txt")));
        Assert.Equal(FileSystemError.PermissionDenied, ErrorOf(() => reader.OpenRead("/.archive/2026-11-30/x.jpg")));
        Assert.DoesNotContain(reader.ListDirectory("/.archive"), e => e.Name == "2026-11-30");
    }

    [Fact]
    public void The_camera_cannot_reach_the_receivers_own_files()
    {
        Assert.Equal(FileSystemError.NotFound, ErrorOf(() => _fs.Stat("/../.receiver/accounts.json")));
        Assert.DoesNotContain(_fs.ListDirectory("/.."), e => e.Name == ".receiver");
    }

    /// <summary>The storage error that <paramref name="action"/> fails with (it must fail).</summary>
    private static FileSystemError ErrorOf(Action action) => Assert.Throws<FileSystemException>(action).Error;

    public void Dispose() => _temp.Dispose();
}
