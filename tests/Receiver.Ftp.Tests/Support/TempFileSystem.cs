namespace Receiver.Ftp.Tests.Support;

/// <summary>
/// A small folder-backed <see cref="ISessionFileSystem"/> for tests: uploads go to a hidden temporary file and are
/// renamed on commit; download and delete can be switched off like the host's account permissions.
/// </summary>
internal sealed class TempFileSystem(string root, string accountName = "cam1") : ISessionFileSystem
{
    public string AccountName { get; } = accountName;

    public bool AllowDownload { get; set; } = true;

    public bool AllowDelete { get; set; } = true;

    public string Root => root;

    public FileEntry Stat(string path)
    {
        var full = Map(path);
        if (Directory.Exists(full))
        {
            var info = new DirectoryInfo(full);
            return new FileEntry(VirtualPath.Name(path), true, 0, info.LastWriteTimeUtc, UnixFileMode.None);
        }

        if (File.Exists(full))
        {
            var info = new FileInfo(full);
            return new FileEntry(VirtualPath.Name(path), false, info.Length, info.LastWriteTimeUtc, UnixFileMode.None);
        }

        throw new FileSystemException(FileSystemError.NotFound, path);
    }

    public IReadOnlyList<FileEntry> ListDirectory(string path)
    {
        var full = Map(path);
        if (!Directory.Exists(full))
        {
            throw new FileSystemException(FileSystemError.NotFound, path);
        }

        return new DirectoryInfo(full).EnumerateFileSystemInfos()
            .Where(info => !info.Name.StartsWith(".tmp", StringComparison.Ordinal))
            .Select(info => new FileEntry(info.Name, info is DirectoryInfo, info is FileInfo file ? file.Length : 0, info.LastWriteTimeUtc, UnixFileMode.None))
            .ToList();
    }

    public void CreateDirectory(string path)
    {
        var full = Map(path);
        if (Directory.Exists(full) || File.Exists(full))
        {
            throw new FileSystemException(FileSystemError.AlreadyExists, path);
        }

        if (!Directory.Exists(Path.GetDirectoryName(full)))
        {
            throw new FileSystemException(FileSystemError.NotFound, VirtualPath.Parent(path));
        }

        Directory.CreateDirectory(full);
    }

    public void RemoveDirectory(string path)
    {
        if (!AllowDelete)
        {
            throw new FileSystemException(FileSystemError.PermissionDenied, path);
        }

        Directory.Delete(Map(path));
    }

    public void DeleteFile(string path) => File.Delete(ExistingFile(path, AllowDelete));

    public void Rename(string sourcePath, string targetPath, bool replaceExisting) =>
        File.Move(Map(sourcePath), Map(targetPath), replaceExisting);

    public void SetLastWriteTime(string path, DateTimeOffset lastWriteTime) =>
        File.SetLastWriteTimeUtc(Map(path), lastWriteTime.UtcDateTime);

    public IUpload BeginUpload(string path, long keepExistingBytes = 0)
    {
        var full = Map(path);
        if (!Directory.Exists(Path.GetDirectoryName(full)))
        {
            throw new FileSystemException(FileSystemError.NotFound, VirtualPath.Parent(path));
        }

        return new TempUpload(path, full, keepExistingBytes);
    }

    public IFileReader OpenRead(string path) => new Reader(File.OpenHandle(ExistingFile(path, AllowDownload)));

    // The real path of a file the account may act on: refused without the permission, not found if missing.
    private string ExistingFile(string path, bool allowed)
    {
        if (!allowed)
        {
            throw new FileSystemException(FileSystemError.PermissionDenied, path);
        }

        var full = Map(path);
        return File.Exists(full) ? full : throw new FileSystemException(FileSystemError.NotFound, path);
    }

    public ValueTask<CommittedUpload> CommitUploadAsync(IUpload upload, CancellationToken cancellationToken = default) =>
        ((TempUpload)upload).CommitAsync();

    public DiskSpace GetDiskSpace() => new(1L << 40, 1L << 39, 1L << 39, 4096);

    private string Map(string path)
    {
        var normalized = VirtualPath.Normalize(path);
        if (normalized.Contains("forbidden", StringComparison.Ordinal))
        {
            throw new FileSystemException(FileSystemError.PermissionDenied, path);
        }

        if (normalized.Contains("explode", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("a bug in the file system");
        }

        return Path.Combine(root, normalized.TrimStart('/'));
    }

    private sealed class TempUpload : IUpload
    {
        private readonly string _finalPath;
        private readonly string _tempPath;
        private readonly FileStream _stream;
        private bool _committed;

        public TempUpload(string path, string finalPath, long keep)
        {
            Path = path;
            _finalPath = finalPath;
            _tempPath = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(finalPath)!, ".tmp-" + Guid.NewGuid().ToString("n"));
            if (keep > 0 && File.Exists(finalPath))
            {
                File.Copy(finalPath, _tempPath);
            }

            _stream = new FileStream(_tempPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            _stream.SetLength(Math.Min(keep, _stream.Length));
            Length = _stream.Length;
        }

        public string Path { get; }

        public long Length { get; private set; }

        public async ValueTask WriteAsync(long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
        {
            await RandomAccess.WriteAsync(_stream.SafeFileHandle, data, offset, cancellationToken);
            Length = Math.Max(Length, offset + data.Length);
        }

        public ValueTask FlushToDiskAsync(CancellationToken cancellationToken = default)
        {
            _stream.Flush(true);
            return ValueTask.CompletedTask;
        }

        public async ValueTask<CommittedUpload> CommitAsync()
        {
            _stream.Flush(true);
            await _stream.DisposeAsync();
            File.Move(_tempPath, _finalPath, overwrite: true);
            _committed = true;
            return new CommittedUpload(Path, Path, Length);
        }

        public async ValueTask DisposeAsync()
        {
            await _stream.DisposeAsync();
            if (!_committed)
            {
                File.Delete(_tempPath);
            }
        }
    }

    private sealed class Reader(Microsoft.Win32.SafeHandles.SafeFileHandle handle) : IFileReader
    {
        public long Length => RandomAccess.GetLength(handle);

        public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            RandomAccess.ReadAsync(handle, buffer, offset, cancellationToken);

        public void Dispose() => handle.Dispose();
    }
}
