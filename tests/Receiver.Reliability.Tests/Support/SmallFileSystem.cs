namespace Receiver.Reliability.Tests.Support;

/// <summary>
/// A size-limited tmpfs mounted for one test (needs root, as on the CI machine): a disk that really fills up, with
/// the kernel's own ENOSPC, unmounted again on dispose. With <c>inodes</c> it also runs out of inodes (ENOSPC at
/// mkdir or create while bytes are still free).
/// </summary>
public sealed class SmallFileSystem : IAsyncDisposable
{
    private SmallFileSystem(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public static async Task<SmallFileSystem> MountAsync(int megabytes, int? inodes = null)
    {
        var path = Directory.CreateTempSubdirectory("receiver-rel-tmpfs-").FullName;
        var options = inodes is { } count ? $"size={megabytes}m,nr_inodes={count},mode=0755" : $"size={megabytes}m,mode=0755";
        using var mount = await ExternalProgram.RunAsync("mount", "-t", "tmpfs", "-o", options, "tmpfs", path);
        if (mount.ExitCode != 0)
        {
            Directory.Delete(path);
            throw new InvalidOperationException(
                $"This test needs a small file system and mounts a {megabytes} MB tmpfs; that takes root (or CAP_SYS_ADMIN). mount said: {mount.Output}");
        }

        return new SmallFileSystem(path);
    }

    public long AvailableBytes => new DriveInfo(Path).AvailableFreeSpace;

    /// <summary>Creates empty files under <paramref name="folder"/> until the file system has no inode left; returns them.</summary>
    public static List<string> UseUpInodes(string folder)
    {
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        while (files.Count < 100_000)
        {
            var file = System.IO.Path.Combine(folder, $"{files.Count}.empty");
            try
            {
                File.Create(file).Dispose();
            }
            catch (IOException)
            {
                return files;
            }

            files.Add(file);
        }

        throw new InvalidOperationException($"{folder} is not on a file system with few inodes (mount it with inodes).");
    }

    public async ValueTask DisposeAsync()
    {
        using var umount = await ExternalProgram.RunAsync("umount", "-l", Path);
        if (umount.ExitCode == 0)
        {
            Directory.Delete(Path);
        }
    }
}
