namespace Receiver.Reliability.Tests.Support;

/// <summary>
/// A receiver whose Storage:Root is a small tmpfs that is nearly full: a filler file (not a recording, so retention
/// leaves it alone) takes all but <c>freeBytes</c>, and <see cref="FreeSpace"/> deletes it again. The disk-full tests
/// of every protocol share it.
/// </summary>
public sealed class FullDisk(SmallFileSystem disk, DataRoot root, string filler) : IAsyncDisposable
{
    private ReceiverProcess? _receiver;

    public SmallFileSystem Disk { get; } = disk;

    public DataRoot Root { get; } = root;

    public ReceiverProcess Receiver => _receiver ?? throw new InvalidOperationException("The receiver has not started.");

    private string Filler { get; } = filler;

    /// <summary>Mounts an 8 MB disk, adds the cameras (name, password), leaves <paramref name="freeBytes"/> free and starts the receiver.</summary>
    public static async Task<FullDisk> StartAsync(long freeBytes, params (string Name, string Password)[] cameras) =>
        await StartAsync(await SmallFileSystem.MountAsync(8), freeBytes, cameras);

    /// <summary>
    /// An 8 MB disk with only <paramref name="inodes"/> inodes and its bytes free: the test uses the inodes up with
    /// <see cref="SmallFileSystem.UseUpInodes"/> when it wants mkdir or create to fail with ENOSPC.
    /// </summary>
    public static async Task<FullDisk> StartWithFewInodesAsync(int inodes, params (string Name, string Password)[] cameras) =>
        await StartAsync(await SmallFileSystem.MountAsync(8, inodes), null, cameras);

    private static async Task<FullDisk> StartAsync(SmallFileSystem disk, long? freeBytes, (string Name, string Password)[] cameras)
    {
        var full = new FullDisk(disk, new DataRoot(disk.Path), Path.Combine(disk.Path, "filler.bin"));
        try
        {
            foreach (var (name, password) in cameras)
            {
                full.Root.AddCamera(name, password);
            }

            if (freeBytes is { } free)
            {
                await File.WriteAllBytesAsync(full.Filler, new byte[(int)(disk.AvailableBytes - free)]);
            }

            // MinFreeDiskPercent 0: the free-space rule of retention must not interfere with a disk full on purpose.
            full._receiver = await ReceiverProcess.StartAsync(full.Root.Path, new Dictionary<string, string> { ["Storage__MinFreeDiskPercent"] = "0" });
            return full;
        }
        catch
        {
            await full.DisposeAsync();
            throw;
        }
    }

    /// <summary>Deletes the filler: the disk has room again.</summary>
    public void FreeSpace() => File.Delete(Filler);

    /// <summary>
    /// Frees the space and uploads <paramref name="localFile"/> again with curl over <paramref name="protocol"/>
    /// ("ftp" or "sftp"): it must now arrive whole under its final name, with no temporary left.
    /// </summary>
    public async Task FreeSpaceAndUploadAgainAsync(string protocol, string camera, string password, string localFile, string remoteName)
    {
        FreeSpace();
        var port = protocol == "sftp" ? Receiver.SftpPort : Receiver.FtpPort;
        using (var retry = await Curl.UploadAsync(protocol, port, camera, password, localFile, remoteName))
        {
            Assert.True(retry.ExitCode == 0, retry.Output);
        }

        Assert.Equal(await File.ReadAllBytesAsync(localFile), await File.ReadAllBytesAsync(Root.FinalPath(camera, remoteName)));
        Assert.Empty(Root.Temporaries());
    }

    /// <summary>A folder on the small disk outside the receiver's layout, for the test's own filler files.</summary>
    public string Scratch => Path.Combine(Disk.Path, ".test-scratch");

    public async ValueTask DisposeAsync()
    {
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }

        Root.Dispose();
        await Disk.DisposeAsync();
    }
}
