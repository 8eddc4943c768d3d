using Receiver.Abstractions;

namespace Receiver.Ssh.Tests.Sftp;

/// <summary>
/// A small stand-in for the host's storage: "/" is a temp folder, uploads go to a hidden temporary file and
/// move under their name on commit, download and delete can be switched off, and a commit can be made to fail.
/// </summary>
internal sealed class TempFolderFileSystem : ISessionFileSystem, IDisposable
{
    public TempFolderFileSystem(string accountName = "cam1")
    {
        AccountName = accountName;
        Root = Directory.CreateTempSubdirectory("sftp-test-").FullName;
    }

    public string AccountName { get; }

    public string Root { get; }

    public bool AllowDownload { get; set; } = true;

    public bool AllowDelete { get; set; } = true;

    /// <summary>When set, every commit fails with this error (e.g. NoSpace).</summary>
    public FileSystemError? FailCommitWith { get; set; }

    public string ToDisk(string path)
    {
        var normalized = VirtualPath.Normalize(path);
        var full = Path.GetFullPath(Path.Combine(Root, normalized.TrimStart('/')));
        if (full != Root && !full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new FileSystemException(FileSystemError.InvalidPath, $"{path} is outside the account's folder");
        }

        return full;
    }

    public FileEntry Stat(string path)
    {
        var full = ToDisk(path);
        if (Directory.Exists(full))
        {
            var info = new DirectoryInfo(full);
            return new FileEntry(VirtualPath.Name(VirtualPath.Normalize(path)), true, 0, info.LastWriteTimeUtc, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (File.Exists(full))
        {
            var info = new FileInfo(full);
            return new FileEntry(info.Name, false, info.Length, info.LastWriteTimeUtc, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        throw new FileSystemException(FileSystemError.NotFound, $"{path}: no such file or directory");
    }

    public IReadOnlyList<FileEntry> ListDirectory(string path)
    {
        var full = ToDisk(path);
        if (!Directory.Exists(full))
        {
            throw new FileSystemException(FileSystemError.NotFound, $"{path}: no such directory");
        }

        return new DirectoryInfo(full).EnumerateFileSystemInfos()
            .Where(info => !info.Name.StartsWith(".upload-", StringComparison.Ordinal))
            .Select(info => Stat(VirtualPath.Combine(path, info.Name)))
            .ToList();
    }

    public void CreateDirectory(string path)
    {
        var full = ToDisk(path);
        if (Directory.Exists(full) || File.Exists(full))
        {
            throw new FileSystemException(FileSystemError.AlreadyExists, $"{path} already exists");
        }

        Directory.CreateDirectory(full);
    }

    public void RemoveDirectory(string path)
    {
        var full = ToDisk(path);
        if (!AllowDelete)
        {
            throw new FileSystemException(FileSystemError.PermissionDenied, "deleting is not allowed for this account");
        }

        if (Directory.EnumerateFileSystemEntries(full).Any())
        {
            throw new FileSystemException(FileSystemError.DirectoryNotEmpty, $"{path} is not empty");
        }

        Directory.Delete(full);
    }

    public void DeleteFile(string path)
    {
        var full = ToDisk(path);
        if (!AllowDelete)
        {
            throw new FileSystemException(FileSystemError.PermissionDenied, "deleting is not allowed for this account");
        }

        if (!File.Exists(full))
        {
            throw new FileSystemException(FileSystemError.NotFound, $"{path}: no such file");
        }

        File.Delete(full);
    }

    public void Rename(string sourcePath, string targetPath, bool replaceExisting)
    {
        var source = ToDisk(sourcePath);
        var target = ToDisk(targetPath);
        if (!replaceExisting && (File.Exists(target) || Directory.Exists(target)))
        {
            throw new FileSystemException(FileSystemError.AlreadyExists, $"{targetPath} already exists");
        }

        if (Directory.Exists(source))
        {
            Directory.Move(source, target);
        }
        else if (File.Exists(source))
        {
            File.Move(source, target, replaceExisting);
        }
        else
        {
            throw new FileSystemException(FileSystemError.NotFound, $"{sourcePath}: no such file or directory");
        }
    }

    public void SetLastWriteTime(string path, DateTimeOffset lastWriteTime) => File.SetLastWriteTimeUtc(ToDisk(path), lastWriteTime.UtcDateTime);

    public IUpload BeginUpload(string path, long keepExistingBytes = 0)
    {
        var full = ToDisk(path);
        if (!Directory.Exists(Path.GetDirectoryName(full)))
        {
            throw new FileSystemException(FileSystemError.NotFound, $"{VirtualPath.Parent(VirtualPath.Normalize(path))}: no such directory");
        }

        return new TempUpload(this, VirtualPath.Normalize(path), full, keepExistingBytes);
    }

    public IFileReader OpenRead(string path)
    {
        if (!AllowDownload)
        {
            throw new FileSystemException(FileSystemError.PermissionDenied, "downloading is not allowed for this account");
        }

        var full = ToDisk(path);
        if (!File.Exists(full))
        {
            throw new FileSystemException(FileSystemError.NotFound, $"{path}: no such file");
        }

        return new FileReader(File.OpenHandle(full));
    }

    public DiskSpace GetDiskSpace() => new(1L << 40, 1L << 39, 1L << 38, 4096);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private sealed class TempUpload : IUpload
    {
        private readonly TempFolderFileSystem _owner;
        private readonly string _finalPath;
        private readonly string _tempPath;
        private readonly Microsoft.Win32.SafeHandles.SafeFileHandle _handle;
        private bool _committed;

        public TempUpload(TempFolderFileSystem owner, string path, string finalPath, long keepExistingBytes)
        {
            _owner = owner;
            Path = path;
            _finalPath = finalPath;
            _tempPath = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(finalPath)!, ".upload-" + Guid.NewGuid().ToString("N"));
            if (keepExistingBytes > 0)
            {
                File.Copy(finalPath, _tempPath);
            }

            _handle = File.OpenHandle(_tempPath, FileMode.OpenOrCreate, FileAccess.ReadWrite);
            RandomAccess.SetLength(_handle, keepExistingBytes);
            Length = keepExistingBytes;
        }

        public string Path { get; }

        public long Length { get; private set; }

        public async ValueTask WriteAsync(long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
        {
            await RandomAccess.WriteAsync(_handle, data, offset, cancellationToken);
            Length = Math.Max(Length, offset + data.Length);
        }

        public ValueTask FlushToDiskAsync(CancellationToken cancellationToken = default)
        {
            RandomAccess.FlushToDisk(_handle);
            return ValueTask.CompletedTask;
        }

        public ValueTask<CommittedUpload> CommitAsync(CancellationToken cancellationToken = default)
        {
            if (_owner.FailCommitWith is { } error)
            {
                throw new FileSystemException(error, error == FileSystemError.NoSpace ? "no space left on the device" : "commit failed");
            }

            RandomAccess.FlushToDisk(_handle);
            _handle.Dispose();
            File.Move(_tempPath, _finalPath, overwrite: true);
            _committed = true;
            return ValueTask.FromResult(new CommittedUpload(Path, Path, Length));
        }

        public ValueTask DisposeAsync()
        {
            _handle.Dispose();
            if (!_committed)
            {
                File.Delete(_tempPath);
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class FileReader(Microsoft.Win32.SafeHandles.SafeFileHandle handle) : IFileReader
    {
        public long Length => RandomAccess.GetLength(handle);

        public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken = default)
            => RandomAccess.ReadAsync(handle, buffer, offset, cancellationToken);

        public void Dispose() => handle.Dispose();
    }
}
