using Receiver.Abstractions;
using Receiver.Accounts;
using Receiver.Options;
using Receiver.Storage;
using Xunit.Abstractions;

namespace Receiver.Ssh.Tests.Sftp;

/// <summary>
/// OpenSSH's sftp client against the session on the host's real storage (daily layout): what a person checks
/// is the bytes under &lt;root&gt;/&lt;camera&gt;/&lt;yyyy-MM-dd&gt;/&lt;the path it used&gt; and the error the client printed.
/// </summary>
public sealed class SftpOpenSshClientTests : IAsyncLifetime
{
    private const string Day = "2026-11-28";

    private readonly string _folder = Directory.CreateTempSubdirectory("sftp-openssh-").FullName;
    private readonly string _dataRoot;
    private readonly string _cameraFolder;
    private readonly CameraStorage _storage;
    private readonly SftpUnixSocketServer _server;
    private readonly OpenSshSftpClient _client;
    private CameraAccount _account = new() { Name = "cam1" };

    public SftpOpenSshClientTests(ITestOutputHelper output)
    {
        _dataRoot = Path.Combine(_folder, "data");
        _cameraFolder = Path.Combine(_dataRoot, "cam1");
        _storage = new CameraStorage(_dataRoot, StorageLayout.Daily, new FixedTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero)));
        _server = new SftpUnixSocketServer(_folder, () => _storage.OpenSession(_account, CameraProtocols.Sftp, null));
        _client = new OpenSshSftpClient(_folder, _server.SocketPath, output.WriteLine);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Put_of_a_few_megabytes_lands_complete_in_the_day_folder_with_its_time()
    {
        var content = LocalFile("clip.mp4", 5 * 1024 * 1024 + 123);
        var modified = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(Path.Combine(_folder, "clip.mp4"), modified);

        var result = await _client.RunAsync("mkdir incoming", "cd incoming", "put -p clip.mp4", "ls -l /incoming");

        Assert.True(result.ExitCode == 0, result.ToString());
        var final = Path.Combine(_cameraFolder, Day, "incoming", "clip.mp4");
        Assert.Equal(content, File.ReadAllBytes(final));
        Assert.Equal(modified, File.GetLastWriteTimeUtc(final));
        Assert.Matches(@$"-rw\S+ +1 cam1 +cam1 +{content.Length} .* clip\.mp4", result.Output);
        Assert.Empty(Directory.EnumerateFiles(_storage.Paths.IncomingFolder));
    }

    [Fact]
    public async Task Mkdir_ls_rename_and_df_work_as_the_camera_expects()
    {
        LocalFile("snap.jpg", 300 * 1024);

        var result = await _client.RunAsync("mkdir alarms", "ls", "put snap.jpg", "rename snap.jpg renamed.jpg", "ls /", "df -h");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(Directory.Exists(Path.Combine(_cameraFolder, Day, "alarms")));
        Assert.Contains("alarms", result.Output);
        Assert.True(File.Exists(Path.Combine(_cameraFolder, Day, "renamed.jpg")), result.ToString());
        Assert.False(File.Exists(Path.Combine(_cameraFolder, Day, "snap.jpg")));
        Assert.Contains("renamed.jpg", result.Output);
        Assert.Matches(@"Size +Used +Avail", result.Output); // df answered through statvfs@openssh.com
    }

    [Fact]
    public async Task Rm_is_refused_while_delete_is_off()
    {
        LocalFile("snap.jpg", 1000);
        Assert.Equal(0, (await _client.RunAsync("put snap.jpg")).ExitCode);

        var result = await _client.RunAsync("rm /snap.jpg");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Permission denied", result.Errors);
        Assert.True(File.Exists(Path.Combine(_cameraFolder, Day, "snap.jpg")));
    }

    [Fact]
    public async Task Get_is_refused_while_download_is_off()
    {
        Directory.CreateDirectory(Path.Combine(_cameraFolder, Day));
        File.WriteAllText(Path.Combine(_cameraFolder, Day, "snap.jpg"), "picture");

        var result = await _client.RunAsync("get /snap.jpg copy.jpg");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Permission denied", result.Errors);
        Assert.False(File.Exists(Path.Combine(_folder, "copy.jpg")));
    }

    [Fact]
    public async Task Cd_dot_dot_at_the_root_stays_in_the_root()
    {
        LocalFile("up.jpg", 2000);

        var result = await _client.RunAsync("cd ..", "cd ../../..", "pwd", "put up.jpg", "ls /..");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Remote working directory: /\n", result.Output);
        Assert.True(File.Exists(Path.Combine(_cameraFolder, Day, "up.jpg")));
        Assert.Equal([".receiver", "cam1"], Directory.EnumerateFileSystemEntries(_dataRoot).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Paths_that_would_leave_the_camera_folder_are_refused()
    {
        _account = _account with { Permissions = CameraPermissions.Default | CameraPermissions.Download };
        var otherCamera = Path.Combine(_dataRoot, "cam2");
        Directory.CreateDirectory(otherCamera);
        File.WriteAllText(Path.Combine(otherCamera, "secret.jpg"), "not yours");
        Directory.CreateDirectory(Path.Combine(_cameraFolder, Day));
        File.CreateSymbolicLink(Path.Combine(_cameraFolder, Day, "link"), otherCamera);
        File.CreateSymbolicLink(Path.Combine(_cameraFolder, "link"), otherCamera); // reachable as /.archive/link
        LocalFile("up.jpg", 100);

        var result = await _client.RunAsync(
            "-get /../cam2/secret.jpg s1.jpg",
            "-get ../../cam2/secret.jpg s2.jpg",
            "-get /link/secret.jpg s3.jpg",
            "-get /.archive/link/secret.jpg s4.jpg",
            "-get /.archive/../../cam2/secret.jpg s5.jpg",
            "-ls /link",
            "-put up.jpg /../cam2/up.jpg",
            "-rename /link/secret.jpg /stolen.jpg");

        Assert.Empty(Directory.EnumerateFiles(_folder, "s?.jpg"));
        Assert.Equal(["secret.jpg"], Directory.EnumerateFileSystemEntries(otherCamera).Select(Path.GetFileName));
        Assert.Equal("not yours", File.ReadAllText(Path.Combine(otherCamera, "secret.jpg")));
        Assert.False(File.Exists(Path.Combine(_cameraFolder, Day, "stolen.jpg")));
        Assert.True(File.Exists(Path.Combine(_cameraFolder, Day, "cam2", "up.jpg")), "'..' at the root stays in the root");
        Assert.Contains("Permission denied", result.Errors);
    }

    private byte[] LocalFile(string name, int size)
    {
        var content = SftpSessionTests.RandomBytes(size);
        File.WriteAllBytes(Path.Combine(_folder, name), content);
        return content;
    }
}
