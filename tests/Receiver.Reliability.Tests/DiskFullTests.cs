namespace Receiver.Reliability.Tests;

/// <summary>
/// A full disk on a real (tmpfs) file system: the camera gets a proper error, nothing half-written appears, the
/// service keeps running, and uploads work again once space is back; retention frees space by the free-space rule.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private const string Camera = "porch";
    private const string Password = "Sup3rSecret";

    private readonly SourceFiles _sources = new();

    [Fact]
    public async Task An_upload_that_does_not_fit_fails_with_552_leaves_nothing_and_uploads_work_again_once_space_is_freed()
    {
        // About 1.5 MB free: a 3 MB clip does not fit, a 200 kB snapshot does.
        await using var full = await FullDisk.StartAsync(3 * 1024 * 1024 / 2, (Camera, Password));
        var (root, receiver) = (full.Root, full.Receiver);
        var clip = _sources.Create("clip.mp4", 3 * 1024 * 1024);

        using (var tooBig = await Curl.UploadAsync("ftp", receiver.FtpPort, Camera, Password, clip, "clip.mp4", verbose: true))
        {
            Assert.NotEqual(0, tooBig.ExitCode);
            Assert.Matches("< (552|452) ", tooBig.Output);
        }

        Assert.False(File.Exists(root.FinalPath(Camera, "clip.mp4")));
        await Poll.UntilAsync(() => root.Temporaries().Count == 0, TimeSpan.FromSeconds(10), "the failed upload's temporary to be removed");
        Assert.Empty(root.FinalFiles(Camera));

        // The service is still up and a snapshot that fits goes through.
        Assert.False(receiver.HasExited);
        var snapshot = _sources.Create("snap.jpg", 200 * 1024);
        using (var small = await Curl.UploadAsync("ftp", receiver.FtpPort, Camera, Password, snapshot, "snap.jpg"))
        {
            Assert.True(small.ExitCode == 0, small.Output);
        }

        Assert.Equal(_sources.Contents("snap.jpg"), await File.ReadAllBytesAsync(root.FinalPath(Camera, "snap.jpg")));

        // Space freed: the clip that failed now arrives whole.
        await full.FreeSpaceAndUploadAgainAsync("ftp", Camera, Password, clip, "clip.mp4");
    }

    [Fact]
    public async Task The_sweep_at_start_deletes_the_oldest_day_folders_until_the_free_space_rule_is_met()
    {
        await using var disk = await SmallFileSystem.MountAsync(8);
        using var root = new DataRoot(disk.Path);
        root.AddCamera(Camera, Password);
        const int MB = 1024 * 1024;
        var folders = new (string Day, int Size)[]
        {
            ("2020-01-01", 2 * MB),
            ("2020-01-02", 2 * MB),
            ("2020-01-03", 3 * MB / 2),
            (DataRoot.Today, 3 * MB / 2),
        };
        foreach (var (day, size) in folders)
        {
            Directory.CreateDirectory(Path.Combine(root.Path, Camera, day));
            await File.WriteAllBytesAsync(Path.Combine(root.Path, Camera, day, "alarm.mp4"), new byte[size]);
        }

        Assert.True(disk.AvailableBytes < 2 * MB, $"{disk.AvailableBytes} bytes free before the sweep");

        // RetentionDays 0: only the free-space rule may delete anything. 50 % free needs the two oldest days gone.
        await using var receiver = await ReceiverProcess.StartAsync(root.Path, new Dictionary<string, string>
        {
            ["Storage__RetentionDays"] = "0",
            ["Storage__MinFreeDiskPercent"] = "50",
        });
        await Poll.UntilAsync(() => !Directory.Exists(Path.Combine(root.Path, Camera, "2020-01-02")), TimeSpan.FromSeconds(20), "the sweep at start");

        Assert.False(Directory.Exists(Path.Combine(root.Path, Camera, "2020-01-01")));
        Assert.True(File.Exists(Path.Combine(root.Path, Camera, "2020-01-03", "alarm.mp4")));
        Assert.True(File.Exists(Path.Combine(root.Path, Camera, DataRoot.Today, "alarm.mp4")));
        Assert.True(disk.AvailableBytes > 4 * MB, $"{disk.AvailableBytes} bytes free after the sweep");
        Assert.Contains("Retention deleted", receiver.Log, StringComparison.Ordinal);
    }

    public void Dispose() => _sources.Dispose();
}
