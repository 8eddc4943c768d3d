using System.Globalization;
using System.Net;
using Receiver.Abstractions;
using Receiver.Accounts;
using Receiver.Events;
using Receiver.Options;

namespace Receiver.Storage;

/// <summary>
/// The file system one camera session sees: its own folder as "/". It enforces the account's permissions and
/// files uploads by the layout. In the daily layout a completed upload goes to "/yyyy-MM-dd/name" whatever folder
/// the camera wrote to, and a file the camera asks for again by its own path (SIZE for a resume, a rename after
/// upload) is found in today's folder.
/// </summary>
public sealed class CameraFileSystem : ISessionFileSystem
{
    private readonly CameraAccount _account;
    private readonly PathJail _jail;
    private readonly DataPaths _paths;
    private readonly StorageLayout _layout;
    private readonly TimeProvider _time;
    private readonly UploadNotifier? _notifier;
    private readonly string _protocol;
    private readonly EndPoint? _remote;

    internal CameraFileSystem(CameraAccount account, DataPaths paths, StorageLayout layout, TimeProvider time, UploadNotifier? notifier, string protocol, EndPoint? remote)
    {
        _account = account;
        _paths = paths;
        _layout = layout;
        _time = time;
        _notifier = notifier;
        _protocol = protocol;
        _remote = remote;
        _jail = new PathJail(paths.CameraFolder(account.Name));
    }

    public string AccountName => _account.Name;

    /// <summary>Events:Hash is sha256: uploads hash their bytes as they are written.</summary>
    internal bool HashUploads => _notifier?.HashUploads ?? false;

    /// <summary>The folder completed uploads go to today (daily layout), as a virtual path.</summary>
    public string TodayFolder => "/" + _time.GetLocalNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public FileEntry Stat(string path) => Guard("Stat", path, () =>
    {
        var real = Locate(path, out _);
        return EntryFor(real, VirtualPath.Name(PathJail.Clean(path)));
    });

    public IReadOnlyList<FileEntry> ListDirectory(string path) => Guard("List", path, () =>
    {
        Require(CameraPermissions.List, "listing");
        var real = _jail.Resolve(path);
        if (File.Exists(real))
        {
            throw new FileSystemException(FileSystemError.NotADirectory, "Not a folder.");
        }

        var folder = new DirectoryInfo(real);
        if (!folder.Exists)
        {
            throw new FileSystemException(FileSystemError.NotFound, "No such folder.");
        }

        return folder.EnumerateFileSystemInfos()
            .Where(info => info.LinkTarget is null)
            .Select(info => ToEntry(info, info.Name))
            .OrderBy(entry => entry.Name, StringComparer.Ordinal)
            .ToList();
    });

    public void CreateDirectory(string path) => Guard("Create folder", path, () =>
    {
        Require(CameraPermissions.CreateDirectory, "creating folders");
        var real = _jail.Resolve(path);
        if (real == _jail.Root || Directory.Exists(real) || File.Exists(real))
        {
            throw new FileSystemException(FileSystemError.AlreadyExists, "Already exists.");
        }

        if (!Directory.Exists(Path.GetDirectoryName(real)))
        {
            throw new FileSystemException(FileSystemError.NotFound, "The parent folder does not exist.");
        }

        Directory.CreateDirectory(real);
        return true;
    });

    public void RemoveDirectory(string path) => Guard("Remove folder", path, () =>
    {
        Require(CameraPermissions.Delete, "deleting");
        var real = _jail.Resolve(path);
        if (real == _jail.Root)
        {
            throw new FileSystemException(FileSystemError.PermissionDenied, "The root folder cannot be removed.");
        }

        if (!Directory.Exists(real))
        {
            throw new FileSystemException(File.Exists(real) ? FileSystemError.NotADirectory : FileSystemError.NotFound, "No such folder.");
        }

        if (Directory.EnumerateFileSystemEntries(real).Any())
        {
            throw new FileSystemException(FileSystemError.DirectoryNotEmpty, "The folder is not empty.");
        }

        Directory.Delete(real);
        return true;
    });

    public void DeleteFile(string path) => Guard("Delete", path, () =>
    {
        Require(CameraPermissions.Delete, "deleting");
        var real = Locate(path, out _);
        if (Directory.Exists(real))
        {
            throw new FileSystemException(FileSystemError.IsADirectory, "That is a folder.");
        }

        File.Delete(real);
        return true;
    });

    public void Rename(string sourcePath, string targetPath, bool replaceExisting) => Guard("Rename", sourcePath, () =>
    {
        Require(CameraPermissions.Rename, "renaming");
        var source = Locate(sourcePath, out var inToday);
        var target = inToday
            ? _jail.Resolve(TodayFolder + "/" + VirtualPath.Name(PathJail.Clean(targetPath)))
            : _jail.Resolve(targetPath);
        if (source == _jail.Root || target == _jail.Root)
        {
            throw new FileSystemException(FileSystemError.PermissionDenied, "The root folder cannot be renamed.");
        }

        if (Directory.Exists(target))
        {
            throw new FileSystemException(FileSystemError.AlreadyExists, "A folder of that name exists.");
        }

        if (File.Exists(target) && !replaceExisting)
        {
            throw new FileSystemException(FileSystemError.AlreadyExists, "A file of that name exists.");
        }

        if (Directory.Exists(source))
        {
            Directory.Move(source, target);
        }
        else
        {
            File.Move(source, target, overwrite: replaceExisting);
        }

        return true;
    });

    public void SetLastWriteTime(string path, DateTimeOffset lastWriteTime) => Guard("Set time", path, () =>
    {
        Require(CameraPermissions.Upload, "changing files");
        var real = Locate(path, out _);
        if (File.Exists(real))
        {
            File.SetLastWriteTimeUtc(real, lastWriteTime.UtcDateTime);
        }

        return true;
    });

    public IUpload BeginUpload(string path, long keepExistingBytes = 0) => Guard("Upload", path, () =>
    {
        Require(CameraPermissions.Upload, "uploading");
        var clean = PathJail.Clean(path);
        if (clean == VirtualPath.Root || VirtualPath.Name(clean).Length == 0)
        {
            throw new FileSystemException(FileSystemError.IsADirectory, "An upload needs a file name.");
        }

        var direct = _jail.Resolve(clean);
        if (Directory.Exists(direct))
        {
            throw new FileSystemException(FileSystemError.IsADirectory, "That is a folder.");
        }

        if (_layout == StorageLayout.Camera && !Directory.Exists(Path.GetDirectoryName(direct)))
        {
            throw new FileSystemException(FileSystemError.NotFound, "The folder does not exist.");
        }

        var temp = Path.Combine(_paths.IncomingFolder, $"{_account.Name}.{Guid.NewGuid():N}.part");
        var handle = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        try
        {
            if (keepExistingBytes > 0)
            {
                CopyHead(Locate(clean, out _), handle, keepExistingBytes);
            }
        }
        catch
        {
            handle.Dispose();
            File.Delete(temp);
            throw;
        }

        return (IUpload)new StagedUpload(this, clean, temp, handle, keepExistingBytes);
    });

    public IFileReader OpenRead(string path) => Guard("Download", path, () =>
    {
        Require(CameraPermissions.Download, "downloading");
        var real = Locate(path, out _);
        if (Directory.Exists(real))
        {
            throw new FileSystemException(FileSystemError.IsADirectory, "That is a folder.");
        }

        return (IFileReader)new FileReader(File.OpenHandle(real, FileMode.Open, FileAccess.Read, FileShare.Read));
    });

    public DiskSpace GetDiskSpace()
    {
        var drive = new DriveInfo(_jail.Root);
        return new DiskSpace(drive.TotalSize, drive.TotalFreeSpace, drive.AvailableFreeSpace, 4096);
    }

    /// <summary>Moves a flushed temporary into place; called by <see cref="StagedUpload.CommitAsync"/>.</summary>
    internal CommittedUpload Commit(StagedUpload upload, string tempPath) => Guard("Commit", upload.Path, () =>
    {
        var finalVirtual = _layout == StorageLayout.Daily
            ? TodayFolder + "/" + VirtualPath.Name(upload.Path)
            : upload.Path;
        var final = _jail.Resolve(finalVirtual);
        var folder = Path.GetDirectoryName(final)!;
        var newFolder = !Directory.Exists(folder);
        Directory.CreateDirectory(folder);
        if (Directory.Exists(final))
        {
            throw new FileSystemException(FileSystemError.IsADirectory, "A folder of that name exists.");
        }

        // rename(2) replaces a same-named file atomically: readers see the old or the new file, never a mix.
        File.Move(tempPath, final, overwrite: true);

        // The rename is on disk before the event and the reply ("226" means it is there after a power cut).
        DirectorySync.Flush(folder);
        if (newFolder)
        {
            DirectorySync.Flush(Path.GetDirectoryName(folder)!);
        }

        _notifier?.Publish(new UploadCompleted(_account.Name, _protocol, final, upload.Length, upload.Elapsed, _remote) { Sha256 = upload.Sha256 });
        return new CommittedUpload(upload.Path, finalVirtual, upload.Length);
    });

    /// <summary>Resolves a path that may name a file filed into today's folder (daily layout).</summary>
    private string Locate(string path, out bool inToday)
    {
        inToday = false;
        var clean = PathJail.Clean(path);
        var direct = _jail.Resolve(clean);
        if (File.Exists(direct) || Directory.Exists(direct) || _layout != StorageLayout.Daily || clean == VirtualPath.Root)
        {
            return direct;
        }

        var filed = _jail.Resolve(TodayFolder + "/" + VirtualPath.Name(clean));
        if (File.Exists(filed))
        {
            inToday = true;
            return filed;
        }

        return direct;
    }

    private static void CopyHead(string source, Microsoft.Win32.SafeHandles.SafeFileHandle target, long count)
    {
        using var input = File.OpenHandle(source, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (RandomAccess.GetLength(input) < count)
        {
            throw new FileSystemException(FileSystemError.InvalidPath, "The restart offset is beyond the end of the file.");
        }

        var buffer = new byte[Math.Min(count, 1 << 20)];
        long copied = 0;
        while (copied < count)
        {
            var read = RandomAccess.Read(input, buffer.AsSpan(0, (int)Math.Min(buffer.Length, count - copied)), copied);
            if (read == 0)
            {
                break;
            }

            RandomAccess.Write(target, buffer.AsSpan(0, read), copied);
            copied += read;
        }
    }

    private void Require(CameraPermissions permission, string what)
    {
        if ((_account.Permissions & permission) == 0)
        {
            throw new FileSystemException(FileSystemError.PermissionDenied, $"This account may not do {what}.");
        }
    }

    private static FileEntry EntryFor(string real, string name)
    {
        FileSystemInfo info = Directory.Exists(real) ? new DirectoryInfo(real) : new FileInfo(real);
        if (!info.Exists)
        {
            throw new FileSystemException(FileSystemError.NotFound, "No such file or folder.");
        }

        return ToEntry(info, name.Length == 0 ? "/" : name);
    }

    private static FileEntry ToEntry(FileSystemInfo info, string name)
    {
        var isDirectory = info is DirectoryInfo;
        var mode = OperatingSystem.IsWindows() ? default : info.UnixFileMode;
        return new FileEntry(name, isDirectory, isDirectory ? 0 : ((FileInfo)info).Length, info.LastWriteTimeUtc, mode);
    }

    private static T Guard<T>(string what, string path, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw IoErrors.Translate(ex, what);
        }
    }
}
