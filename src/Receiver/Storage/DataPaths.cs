using Microsoft.Extensions.Options;
using Receiver.Options;

namespace Receiver.Storage;

/// <summary>
/// Where everything lives under Storage:Root. Camera folders sit at the top; the receiver's own files sit in
/// ".receiver", which no camera name can reach (names cannot start with a dot).
/// </summary>
public sealed class DataPaths
{
    public DataPaths(IOptions<StorageOptions> options)
        : this(options.Value.Root)
    {
    }

    public DataPaths(string root)
    {
        Root = Path.GetFullPath(root);
        SystemFolder = Path.Combine(Root, ".receiver");
        KeysFolder = Path.Combine(SystemFolder, "keys");
        IncomingFolder = Path.Combine(SystemFolder, "incoming");
        AccountsFile = Path.Combine(SystemFolder, "accounts.json");
        SessionLogFile = Path.Combine(SystemFolder, "sessions.jsonl");
    }

    public string Root { get; }

    public string SystemFolder { get; }

    public string KeysFolder { get; }

    /// <summary>Uploads in progress: hidden from every camera, on the same file system as the final folders.</summary>
    public string IncomingFolder { get; }

    public string AccountsFile { get; }

    /// <summary>Recent session outcomes (JSON lines), read by enrollment to explain a failed camera test.</summary>
    public string SessionLogFile { get; }

    public string CameraFolder(string camera) => Path.Combine(Root, camera);

    /// <summary>Creates the root and the system folders, owner-only where secrets live.</summary>
    public void EnsureCreated()
    {
        Directory.CreateDirectory(Root);
        CreatePrivate(SystemFolder);
        CreatePrivate(KeysFolder);
        CreatePrivate(IncomingFolder);
    }

    private static void CreatePrivate(string folder)
    {
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
