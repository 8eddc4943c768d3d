using Renci.SshNet.Common;
using Xunit.Abstractions;

namespace Receiver.Reliability.Tests;

/// <summary>
/// A full disk under sFTP, on a real tmpfs: the camera's client gets an SSH_FX_FAILURE status that says the disk is
/// full (SFTP v3 has no "no space" code), whether ENOSPC hits a WRITE or the commit at CLOSE; nothing appears under
/// a final name, the session and the service live on, and the same upload succeeds once space is back.
/// </summary>
public sealed class DiskFullSftpTests(ITestOutputHelper output) : IDisposable
{
    private const string Camera = "porch";
    private const string Password = "Sup3rSecret";
    private const string OtherCamera = "garden";
    private const string OtherPassword = "An0therSecret";
    private const int ClipSize = 3 * 1024 * 1024;

    private readonly SourceFiles _sources = new();

    [Fact]
    public async Task An_sshnet_upload_that_does_not_fit_fails_with_disk_full_keeps_the_session_and_succeeds_once_space_is_freed()
    {
        await using var full = await FullDisk.StartAsync(ClipSize / 2, (Camera, Password), (OtherCamera, OtherPassword));
        var (root, receiver) = (full.Root, full.Receiver);
        var clip = _sources.Create("clip.mp4", ClipSize);
        using var camera = SshNetCamera.Connect(receiver.SftpPort, Camera, Password);

        var refused = Assert.ThrowsAny<SshException>(() => camera.Upload(clip, "clip.mp4"));

        // ENOSPC at a WRITE: that request's status says so (SSH.NET stops at the first failed write).
        Assert.Equal("Write: the receiver's disk is full.", refused.Message);
        Assert.False(File.Exists(root.FinalPath(Camera, "clip.mp4")));
        await Poll.UntilAsync(() => root.Temporaries().Count == 0, TimeSpan.FromSeconds(10), "the failed upload's temporary to be removed");
        Assert.Empty(root.FinalFiles(Camera));

        // The session survived the failure (a status, not a disconnect) and the service takes another camera's login.
        Assert.True(camera.IsConnected);
        Assert.DoesNotContain(camera.ListDirectory("/"), f => !f.IsDirectory);
        var snapshot = _sources.Create("snap.jpg", 200 * 1024);
        using (var other = SshNetCamera.Connect(receiver.SftpPort, OtherCamera, OtherPassword))
        {
            other.Upload(snapshot, "snap.jpg");
        }

        Assert.Equal(_sources.Contents("snap.jpg"), await File.ReadAllBytesAsync(root.FinalPath(OtherCamera, "snap.jpg")));
        Assert.False(receiver.HasExited);

        // Space freed: the same clip, on the same session, arrives whole.
        full.FreeSpace();
        camera.Upload(clip, "clip.mp4");

        Assert.Equal(_sources.Contents("clip.mp4"), await File.ReadAllBytesAsync(root.FinalPath(Camera, "clip.mp4")));
        Assert.Empty(root.Temporaries());
    }

    [Fact]
    public async Task A_curl_upload_that_does_not_fit_exits_non_zero_leaves_nothing_and_succeeds_once_space_is_freed()
    {
        await using var full = await FullDisk.StartAsync(ClipSize / 2, (Camera, Password));
        var (root, receiver) = (full.Root, full.Receiver);
        var clip = _sources.Create("clip.mp4", ClipSize);

        using (var tooBig = await Curl.UploadAsync("sftp", receiver.SftpPort, Camera, Password, clip, "clip.mp4"))
        {
            output.WriteLine(tooBig.Output);
            Assert.NotEqual(0, tooBig.ExitCode);
        }

        Assert.False(File.Exists(root.FinalPath(Camera, "clip.mp4")));
        await Poll.UntilAsync(() => root.Temporaries().Count == 0, TimeSpan.FromSeconds(10), "the failed upload's temporary to be removed");
        Assert.Empty(root.FinalFiles(Camera));
        Assert.False(receiver.HasExited);

        await full.FreeSpaceAndUploadAgainAsync("sftp", Camera, Password, clip, "clip.mp4");
    }

    [Fact]
    public async Task ENOSPC_at_commit_when_the_day_folder_cannot_be_created_fails_the_close_and_leaves_nothing()
    {
        // Every byte written fits; what fails is the commit: mkdir of today's folder finds no inode (ENOSPC), as on
        // a full ext4 at midnight. All WRITEs succeed, so only CLOSE can tell the camera.
        await using var full = await FullDisk.StartWithFewInodesAsync(200, (Camera, Password));
        var (root, receiver) = (full.Root, full.Receiver);
        var snapshot = _sources.Create("snap.jpg", 300 * 1024);
        using var camera = SshNetCamera.Connect(receiver.SftpPort, Camera, Password);
        var fillers = SmallFileSystem.UseUpInodes(full.Scratch);
        File.Delete(fillers[^1]); // one inode: enough for the upload's temporary, none for the day folder

        var refused = Assert.ThrowsAny<SshException>(() => camera.Upload(snapshot, "snap.jpg"));

        Assert.Equal("Commit: the receiver's disk is full.", refused.Message);
        Assert.False(File.Exists(root.FinalPath(Camera, "snap.jpg")));
        Assert.Empty(root.Temporaries());
        Assert.True(camera.IsConnected);

        Directory.Delete(full.Scratch, recursive: true);
        camera.Upload(snapshot, "snap.jpg");

        Assert.Equal(_sources.Contents("snap.jpg"), await File.ReadAllBytesAsync(root.FinalPath(Camera, "snap.jpg")));
        Assert.Empty(root.Temporaries());
    }

    public void Dispose() => _sources.Dispose();
}
