using Receiver.Abstractions;
using Receiver.Accounts;
using Receiver.Options;
using Receiver.Storage;

namespace Receiver.Ssh.Tests.Sftp;

/// <summary>The host's real storage in a temp folder, with one camera account whose permissions a test may change.</summary>
internal sealed class TestCameraStorage : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sftp-storage-").FullName;

    public TestCameraStorage(StorageLayout layout = StorageLayout.Camera)
    {
        Storage = new CameraStorage(Path.Combine(_root, "data"), layout);
        CameraFolder = Storage.Paths.CameraFolder(Account.Name);
        Directory.CreateDirectory(CameraFolder);
    }

    public CameraStorage Storage { get; }

    public CameraAccount Account { get; set; } = new() { Name = "cam1" };

    /// <summary>The camera's folder on disk: "/" of its sessions.</summary>
    public string CameraFolder { get; }

    public CameraPermissions Permissions
    {
        set => Account = Account with { Permissions = value };
    }

    public ISessionFileSystem Open() => Storage.OpenSession(Account, CameraProtocols.Sftp, null);

    /// <summary>Where a virtual path of the camera lives on disk.</summary>
    public string OnDisk(string name) => Path.Combine(CameraFolder, name.TrimStart('/'));

    /// <summary>Everything in the camera's folder and in the incoming folder (to prove nothing was left behind).</summary>
    public IEnumerable<string> AllFiles() =>
        Directory.EnumerateFileSystemEntries(CameraFolder, "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFileSystemEntries(Storage.Paths.IncomingFolder));

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
