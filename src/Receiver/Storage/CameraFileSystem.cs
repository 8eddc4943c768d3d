using System.Net;
using Receiver.Abstractions;
using Receiver.Accounts;
using Receiver.Events;
using Receiver.Options;

namespace Receiver.Storage;

/// <summary>
/// The file system one camera session sees, and the one place both protocols' rules are enforced. Daily layout: "/" is
/// today's folder, so a file put at "sub/rc.jpg" is at &lt;camera&gt;/&lt;yyyy-MM-dd&gt;/sub/rc.jpg and is found and listed
/// there (see <see cref="CameraView"/>). Only the delete permission destroys: without it nothing renames over, replaces or
/// re-times a stored file; a same-named upload takes the name and keeps the old content as a version. Every byte staged
/// or stored counts against the camera's quota (<see cref="QuotaLedger"/>).
/// </summary>
internal sealed class CameraFileSystem(CameraAccount account, DataPaths paths, StorageOptions options, QuotaLedger quota, TimeProvider time, UploadEventRecorder? events, CameraProtocols protocol, EndPoint? remote)
    : ISessionFileSystem
{
    private const CameraPermissions Destroys = CameraPermissions.Delete | CameraPermissions.Overwrite;

    private readonly CameraView _view = new(
        paths.CameraFolder(account.Name),
        options.ParsedLayout,
        time,
        TimeSpan.FromMinutes(options.MidnightGraceMinutes),
        archiveVisible: (account.Permissions & (CameraPermissions.Download | CameraPermissions.Delete)) != 0);

    private readonly SessionFolders _folders = new();

    public string AccountName => account.Name;

    public FileEntry Stat(string path) => Guard("Stat", () =>
    {
        var target = _view.Map(path);
        var name = VirtualPath.Name(target.Clean);
        if (Find(target) is { } real)
        {
            var entry = ToEntry(Info(real), name.Length == 0 ? "/" : name);
            if (entry.IsDirectory && target.Area == ViewArea.Live)
            {
                _folders.Remember(target.Clean);
            }

            return entry;
        }

        if (IsAlwaysThere(target) || _folders.Knows(target.Clean))
        {
            // Today's folder before its first upload, or a folder this session used before midnight: it stays valid.
            return new FileEntry(name.Length == 0 ? "/" : name, true, 0, time.GetUtcNow(), (UnixFileMode)0x1ed);
        }

        throw new FileSystemException(FileSystemError.NotFound, "No such file or folder.");
    });

    public IReadOnlyList<FileEntry> ListDirectory(string path) => Guard("List", () =>
    {
        Require(CameraPermissions.List, "listing");
        var target = _view.Map(path);
        var entries = new SortedDictionary<string, FileEntry>(StringComparer.Ordinal);
        var found = false;
        foreach (var real in target.Candidates)
        {
            if (File.Exists(real))
            {
                if (!found)
                {
                    throw new FileSystemException(FileSystemError.NotADirectory, "Not a folder.");
                }

                continue;
            }

            var folder = new DirectoryInfo(real);
            if (!folder.Exists)
            {
                continue;
            }

            found = true;
            foreach (var info in folder.EnumerateFileSystemInfos())
            {
                // Today's entries win over the previous day's of the same name; links and kept versions are not shown.
                if (info.LinkTarget is null && !(target.Area == ViewArea.Live && target.IsTop && info.Name == CameraView.VersionsName))
                {
                    entries.TryAdd(info.Name, ToEntry(info, info.Name));
                }
            }
        }

        if (!found && !IsAlwaysThere(target) && !_folders.Knows(target.Clean))
        {
            throw new FileSystemException(FileSystemError.NotFound, "No such folder.");
        }

        if (target.Clean == VirtualPath.Root && _view.ArchiveVisible)
        {
            entries.TryAdd(CameraView.ArchiveName, new FileEntry(CameraView.ArchiveName, true, 0, time.GetUtcNow(), (UnixFileMode)0x16d));
        }

        if (target.Area == ViewArea.Live)
        {
            _folders.Remember(target.Clean);
        }

        return entries.Values.ToList();
    });

    public void CreateDirectory(string path) => Guard("Create folder", () =>
    {
        Require(CameraPermissions.CreateDirectory, "creating folders");
        var target = LiveTarget(path, "create folders in");
        if (target.IsTop || Find(target) is not null)
        {
            throw new FileSystemException(FileSystemError.AlreadyExists, "Already exists.");
        }

        if (!IsFolderInView(VirtualPath.Parent(target.Clean)))
        {
            throw new FileSystemException(FileSystemError.NotFound, "The parent folder does not exist.");
        }

        // The parent may exist only in the previous day (grace) or in this session's memory: make it again under today.
        Directory.CreateDirectory(target.WriteTarget!);
        _folders.Remember(target.Clean);
        return true;
    });

    public void RemoveDirectory(string path) => Guard("Remove folder", () =>
    {
        Require(CameraPermissions.Delete, "deleting");
        var target = _view.Map(path);
        if (target.Clean == VirtualPath.Root || target.Clean == CameraView.ArchivePath)
        {
            throw new FileSystemException(FileSystemError.PermissionDenied, "The root folder cannot be removed.");
        }

        var real = Find(target) ?? throw new FileSystemException(FileSystemError.NotFound, "No such folder.");
        if (!Directory.Exists(real))
        {
            throw new FileSystemException(FileSystemError.NotADirectory, "No such folder.");
        }

        if (Directory.EnumerateFileSystemEntries(real).Any())
        {
            throw new FileSystemException(FileSystemError.DirectoryNotEmpty, "The folder is not empty.");
        }

        Directory.Delete(real);
        _folders.Forget(target.Clean);
        return true;
    });

    public void DeleteFile(string path) => Guard("Delete", () =>
    {
        Require(CameraPermissions.Delete, "deleting");
        var real = Find(_view.Map(path)) ?? throw new FileSystemException(FileSystemError.NotFound, "No such file.");
        if (Directory.Exists(real))
        {
            throw new FileSystemException(FileSystemError.IsADirectory, "That is a folder.");
        }

        var size = new FileInfo(real).Length;
        File.Delete(real);
        quota.AddCommitted(account.Name, -size);
        return true;
    });

    public void Rename(string sourcePath, string targetPath, bool replaceExisting) => Guard("Rename", () =>
    {
        Require(CameraPermissions.Rename, "renaming");
        var source = LiveTarget(sourcePath, "rename in");
        var destination = LiveTarget(targetPath, "rename into");
        if (source.IsTop || destination.IsTop)
        {
            throw new FileSystemException(FileSystemError.PermissionDenied, "The root folder cannot be renamed.");
        }

        var from = Find(source) ?? throw new FileSystemException(FileSystemError.NotFound, "No such file or folder.");
        var to = _view.Sibling(from, source, destination); // a rename stays in the day its source is in
        if (Directory.Exists(to))
        {
            throw new FileSystemException(FileSystemError.AlreadyExists, "A folder of that name exists.");
        }

        lock (quota.CommitGate(account.Name))
        {
            var replaced = File.Exists(to) ? new FileInfo(to).Length : -1;
            if (replaced >= 0 && !replaceExisting)
            {
                throw new FileSystemException(FileSystemError.AlreadyExists, "A file of that name exists.");
            }

            if (replaced >= 0 && !May(Destroys))
            {
                throw new FileSystemException(FileSystemError.PermissionDenied, "Renaming over an existing file would destroy it; only an account with the delete permission may.");
            }

            if (!Directory.Exists(Path.GetDirectoryName(to)))
            {
                if (!IsFolderInView(VirtualPath.Parent(destination.Clean)))
                {
                    throw new FileSystemException(FileSystemError.NotFound, "The target folder does not exist.");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            }

            if (Directory.Exists(from))
            {
                Directory.Move(from, to);
                _folders.Forget(source.Clean);
                _folders.Remember(destination.Clean);
            }
            else
            {
                File.Move(from, to, overwrite: replaced >= 0);
                _folders.Moved(from, to);
                if (replaced >= 0)
                {
                    quota.AddCommitted(account.Name, -replaced);
                }
            }
        }

        return true;
    });

    public void SetLastWriteTime(string path, DateTimeOffset lastWriteTime) => Guard("Set time", () =>
    {
        var real = Find(_view.Map(path)) ?? throw new FileSystemException(FileSystemError.NotFound, "No such file or folder.");
        if (Directory.Exists(real))
        {
            return true; // a folder's time is the receiver's business; accepted and ignored, as before
        }

        // A stored file's time is part of the record: only this session's own uploads (put -p, MFMT after STOR) may set it.
        if (!_folders.Uploaded(real) && !May(Destroys))
        {
            throw new FileSystemException(FileSystemError.PermissionDenied, "Changing the time of a stored file needs the delete permission.");
        }

        File.SetLastWriteTimeUtc(real, lastWriteTime.UtcDateTime);
        return true;
    });

    public IUpload BeginUpload(string path, long keepExistingBytes = 0) => Guard("Upload", () =>
    {
        Require(CameraPermissions.Upload, "uploading");
        var target = LiveTarget(path, "upload to");
        if (target.IsTop || VirtualPath.Name(target.Clean).Length == 0)
        {
            throw new FileSystemException(FileSystemError.IsADirectory, "An upload needs a file name.");
        }

        if (Directory.Exists(target.WriteTarget))
        {
            throw new FileSystemException(FileSystemError.IsADirectory, "That is a folder.");
        }

        if (!_view.Daily && !Directory.Exists(Path.GetDirectoryName(target.WriteTarget)))
        {
            throw new FileSystemException(FileSystemError.NotFound, "The folder does not exist.");
        }

        var kept = keepExistingBytes > 0 ? Find(target) : null;
        if (keepExistingBytes > 0 && (kept is null || Directory.Exists(kept)))
        {
            throw new FileSystemException(FileSystemError.NotFound, "There is no file to resume.");
        }

        // Counted before a byte is copied: a resume of a huge (sparse) file is refused here, not after copying it.
        var reservation = quota.Reserve(account);
        reservation.EnsureLength(keepExistingBytes);
        var temp = Path.Combine(paths.IncomingFolder, $"{account.Name}.{Guid.NewGuid():N}.part");
        Microsoft.Win32.SafeHandles.SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        }
        catch
        {
            reservation.Release();
            throw;
        }

        var keptFrom = FileStamp.Missing;
        try
        {
            if (kept is not null)
            {
                keptFrom = FileStamp.Of(kept);
                CopyHead(kept, handle, keepExistingBytes);
            }
        }
        catch
        {
            handle.Dispose();
            File.Delete(temp);
            reservation.Release();
            throw;
        }

        var hash = events?.HashUploads ?? false;
        return (IUpload)new StagedUpload(target.Clean, temp, handle, keepExistingBytes, reservation, kept == target.WriteTarget ? keptFrom : FileStamp.Missing, hash, time);
    });

    public IFileReader OpenRead(string path) => Guard("Download", () =>
    {
        Require(CameraPermissions.Download, "downloading");
        var real = Find(_view.Map(path)) ?? throw new FileSystemException(FileSystemError.NotFound, "No such file.");
        if (Directory.Exists(real))
        {
            throw new FileSystemException(FileSystemError.IsADirectory, "That is a folder.");
        }

        return (IFileReader)new FileReader(File.OpenHandle(real, FileMode.Open, FileAccess.Read, FileShare.Read));
    });

    public DiskSpace GetDiskSpace()
    {
        var drive = new DriveInfo(_view.Jail.Root);
        return new DiskSpace(drive.TotalSize, drive.TotalFreeSpace, drive.AvailableFreeSpace, 4096);
    }

    /// <summary>
    /// Seals the upload (fsync, close), moves it into place under the day it completed on, fsyncs the folders and
    /// publishes its event: storage's half of the commit, which the protocol starts and nothing calls back into.
    /// </summary>
    public ValueTask<CommittedUpload> CommitUploadAsync(IUpload upload, CancellationToken cancellationToken = default)
    {
        if (upload is not StagedUpload staged)
        {
            throw new ArgumentException("Not an upload of this file system.", nameof(upload));
        }

        var committed = Guard("Commit", () =>
        {
            staged.Seal();
            return Commit(staged);
        });
        return ValueTask.FromResult(committed);
    }

    private CommittedUpload Commit(StagedUpload upload)
    {
        var target = _view.Map(upload.Path); // today at commit time: an upload that spans midnight is filed under the new day
        var final = target.WriteTarget!;
        var folder = Path.GetDirectoryName(final)!;
        var existingAncestor = folder;
        while (!Directory.Exists(existingAncestor))
        {
            existingAncestor = Path.GetDirectoryName(existingAncestor)!;
        }

        Directory.CreateDirectory(folder);
        if (Directory.Exists(final))
        {
            throw new FileSystemException(FileSystemError.IsADirectory, "A folder of that name exists.");
        }

        lock (quota.CommitGate(account.Name))
        {
            var replaced = new FileInfo(final);
            long freed = 0;
            if (replaced.Exists)
            {
                var appendedOnly = upload.KeptFrom == FileStamp.Of(final) && upload.KeptBytes == replaced.Length && upload.LowestWrite >= upload.KeptBytes;
                if (appendedOnly || May(Destroys))
                {
                    freed = replaced.Length; // the old bytes are gone (or live on as the new file's head)
                }
                else
                {
                    VersionKeeper.Keep(final, target.RelativePath, _view.VersionsRoot, time.GetUtcNow());
                }
            }

            // rename(2) replaces a same-named file atomically: readers see the old or the new file, never a mix.
            File.Move(upload.TempPath, final, overwrite: true);
            upload.Committed = true;
            upload.Quota.Commit(upload.Length, freed);
        }

        // The rename is on disk before the event and the reply ("226" means it is there after a power cut): the
        // folder it landed in, and each folder this commit made, up to the first one that was there before.
        for (var synced = folder; ; synced = Path.GetDirectoryName(synced)!)
        {
            DirectorySync.Flush(synced);
            if (synced == existingAncestor)
            {
                break;
            }
        }

        _folders.Remember(VirtualPath.Parent(target.Clean));
        _folders.MarkUploaded(final);
        events?.Publish(new UploadCompleted(account.Name, protocol, final, upload.Length, upload.Elapsed, remote) { Sha256 = upload.Sha256 });
        return new CommittedUpload(upload.Path, target.Clean, upload.Length);
    }

    // The first real path of the target that exists: today's, then the previous day's during the grace window.
    private static string? Find(ViewTarget target) =>
        target.Candidates.FirstOrDefault(real => File.Exists(real) || Directory.Exists(real));

    private ViewTarget LiveTarget(string path, string what)
    {
        var target = _view.Map(path);
        if (target.Area == ViewArea.Archive)
        {
            throw new FileSystemException(FileSystemError.PermissionDenied, $"Earlier days are read-only: cannot {what} {CameraView.ArchivePath}.");
        }

        return target;
    }

    private bool IsAlwaysThere(ViewTarget target) =>
        target.Clean == VirtualPath.Root || (target.Area == ViewArea.Archive && target.IsTop);

    private bool IsFolderInView(string virtualFolder)
    {
        var target = _view.Map(virtualFolder);
        return Find(target) is { } real ? Directory.Exists(real) : IsAlwaysThere(target) || _folders.Knows(target.Clean);
    }

    private static FileSystemInfo Info(string real) => Directory.Exists(real) ? new DirectoryInfo(real) : new FileInfo(real);

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

    private bool May(CameraPermissions any) => (account.Permissions & any) != 0;

    private void Require(CameraPermissions permission, string what)
    {
        if (!May(permission))
        {
            throw new FileSystemException(FileSystemError.PermissionDenied, $"This account may not do {what}.");
        }
    }

    private static FileEntry ToEntry(FileSystemInfo info, string name)
    {
        var isDirectory = info is DirectoryInfo;
        var mode = OperatingSystem.IsWindows() ? default : info.UnixFileMode;
        return new FileEntry(name, isDirectory, isDirectory ? 0 : ((FileInfo)info).Length, info.LastWriteTimeUtc, mode);
    }

    private static T Guard<T>(string what, Func<T> action)
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
