namespace Receiver.Reliability.Tests.Support;

/// <summary>
/// A size-limited tmpfs mounted for one test (needs root, as on the CI machine): a disk that really fills up, with
/// the kernel's own ENOSPC, unmounted again on dispose.
/// </summary>
public sealed class SmallFileSystem : IAsyncDisposable
{
    private SmallFileSystem(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public static async Task<SmallFileSystem> MountAsync(int megabytes)
    {
        var path = Directory.CreateTempSubdirectory("receiver-rel-tmpfs-").FullName;
        using var mount = await ExternalProgram.RunAsync("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0755", "tmpfs", path);
        if (mount.ExitCode != 0)
        {
            Directory.Delete(path);
            throw new InvalidOperationException(
                $"This test needs a small file system and mounts a {megabytes} MB tmpfs; that takes root (or CAP_SYS_ADMIN). mount said: {mount.Output}");
        }

        return new SmallFileSystem(path);
    }

    public long AvailableBytes => new DriveInfo(Path).AvailableFreeSpace;

    public async ValueTask DisposeAsync()
    {
        using var umount = await ExternalProgram.RunAsync("umount", "-l", Path);
        if (umount.ExitCode == 0)
        {
            Directory.Delete(Path);
        }
    }
}
