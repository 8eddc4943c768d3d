using Receiver.Abstractions;

namespace Receiver.Fuzz.Support;

/// <summary>
/// A session file system in memory, holding to the <see cref="ISessionFileSystem"/> contract the way the real
/// storage does (FileSystemException for refusals, ArgumentOutOfRangeException for a negative offset as
/// RandomAccess throws it), bounded so that fuzz inputs cannot grow it: the harnesses fuzz the protocol
/// decoders, not the disk.
/// </summary>
public sealed class InMemoryFileSystem(string accountName) : ISessionFileSystem
{
    private const long Capacity = 1 << 20;
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal) { [VirtualPath.Root] = Node.Directory() };

    public string AccountName { get; } = accountName;

    public FileEntry Stat(string path)
    {
        var normalized = Check(path);
        return Entry(normalized, Find(normalized));
    }

    public IReadOnlyList<FileEntry> ListDirectory(string path)
    {
        var normalized = Check(path);
        if (!Find(normalized).IsDirectory)
        {
            throw new FileSystemException(FileSystemError.NotADirectory, "Not a directory.");
        }

        return [.. _nodes.Where(n => n.Key != VirtualPath.Root && VirtualPath.Parent(n.Key) == normalized).Select(n => Entry(n.Key, n.Value))];
    }

    public void CreateDirectory(string path)
    {
        var normalized = Check(path);
        RequireParentDirectory(normalized);
        if (!_nodes.TryAdd(normalized, Node.Directory()))
        {
            throw new FileSystemException(FileSystemError.AlreadyExists, "Already exists.");
        }
    }

    public void RemoveDirectory(string path)
    {
        var normalized = CheckNotRoot(path);
        if (!Find(normalized).IsDirectory)
        {
            throw new FileSystemException(FileSystemError.NotADirectory, "Not a directory.");
        }

        if (_nodes.Keys.Any(k => k != normalized && k.StartsWith(normalized + "/", StringComparison.Ordinal)))
        {
            throw new FileSystemException(FileSystemError.DirectoryNotEmpty, "Directory not empty.");
        }

        _nodes.Remove(normalized);
    }

    public void DeleteFile(string path)
    {
        var normalized = CheckNotRoot(path);
        if (Find(normalized).IsDirectory)
        {
            throw new FileSystemException(FileSystemError.IsADirectory, "Is a directory.");
        }

        _nodes.Remove(normalized);
    }

    public void Rename(string sourcePath, string targetPath, bool replaceExisting)
    {
        var source = CheckNotRoot(sourcePath);
        var target = CheckNotRoot(targetPath);
        var node = Find(source);
        RequireParentDirectory(target);
        if (target == source || target.StartsWith(source + "/", StringComparison.Ordinal))
        {
            throw new FileSystemException(FileSystemError.InvalidPath, "Cannot move a folder into itself.");
        }

        if (_nodes.TryGetValue(target, out var existing) && (!replaceExisting || existing.IsDirectory || node.IsDirectory))
        {
            throw new FileSystemException(FileSystemError.AlreadyExists, "Already exists.");
        }

        foreach (var key in _nodes.Keys.Where(k => k == source || k.StartsWith(source + "/", StringComparison.Ordinal)).ToList())
        {
            _nodes[target + key[source.Length..]] = _nodes[key];
            _nodes.Remove(key);
        }
    }

    public void SetLastWriteTime(string path, DateTimeOffset lastWriteTime) => Find(Check(path)).LastWriteTime = lastWriteTime;

    public IUpload BeginUpload(string path, long keepExistingBytes = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keepExistingBytes);
        var normalized = CheckNotRoot(path);
        RequireParentDirectory(normalized);
        var kept = Array.Empty<byte>();
        if (_nodes.TryGetValue(normalized, out var existing))
        {
            if (existing.IsDirectory)
            {
                throw new FileSystemException(FileSystemError.IsADirectory, "Is a directory.");
            }

            kept = existing.Data[..(int)Math.Min(keepExistingBytes, existing.Data.Length)];
        }

        return new Upload(this, normalized, kept);
    }

    public IFileReader OpenRead(string path)
    {
        var node = Find(Check(path));
        return node.IsDirectory ? throw new FileSystemException(FileSystemError.IsADirectory, "Is a directory.") : new Reader(node.Data);
    }

    public ValueTask<CommittedUpload> CommitUploadAsync(IUpload upload, CancellationToken cancellationToken = default) =>
        ((Upload)upload).CommitAsync();

    public DiskSpace GetDiskSpace() => new(Capacity, Capacity / 2, Capacity / 2, 4096);

    private static string Check(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Any(char.IsControl) || path.Length > 4096)
        {
            throw new FileSystemException(FileSystemError.InvalidPath, "Invalid path.");
        }

        var normalized = VirtualPath.Normalize(path);
        return normalized.Split('/').Any(segment => segment.Length > 255)
            ? throw new FileSystemException(FileSystemError.InvalidPath, "Name too long.")
            : normalized;
    }

    private static string CheckNotRoot(string path)
    {
        var normalized = Check(path);
        return normalized == VirtualPath.Root ? throw new FileSystemException(FileSystemError.PermissionDenied, "The root folder stays.") : normalized;
    }

    private static FileEntry Entry(string path, Node node) =>
        new(VirtualPath.Name(path), node.IsDirectory, node.Data.Length, node.LastWriteTime, node.IsDirectory ? (UnixFileMode)0x1ED : (UnixFileMode)0x1A4);

    private Node Find(string normalized) =>
        _nodes.TryGetValue(normalized, out var node) ? node : throw new FileSystemException(FileSystemError.NotFound, "No such file or directory.");

    private void RequireParentDirectory(string normalized)
    {
        if (!_nodes.TryGetValue(VirtualPath.Parent(normalized), out var parent))
        {
            throw new FileSystemException(FileSystemError.NotFound, "No such directory.");
        }

        if (!parent.IsDirectory)
        {
            throw new FileSystemException(FileSystemError.NotADirectory, "Not a directory.");
        }
    }

    private sealed class Node
    {
        public bool IsDirectory { get; private init; }

        public byte[] Data { get; init; } = [];

        public DateTimeOffset LastWriteTime { get; set; } = DateTimeOffset.UnixEpoch;

        public static Node Directory() => new() { IsDirectory = true };
    }

    private sealed class Upload(InMemoryFileSystem owner, string path, byte[] kept) : IUpload
    {
        private byte[] _data = kept;

        public string Path => path;

        public long Length => _data.Length;

        public ValueTask WriteAsync(long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(offset);
            if (offset + data.Length > Capacity)
            {
                throw new FileSystemException(FileSystemError.NoSpace, "No space left.");
            }

            if (offset + data.Length > _data.Length)
            {
                Array.Resize(ref _data, (int)offset + data.Length);
            }

            data.Span.CopyTo(_data.AsSpan((int)offset));
            return ValueTask.CompletedTask;
        }

        public ValueTask FlushToDiskAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask<CommittedUpload> CommitAsync()
        {
            owner.RequireParentDirectory(path);
            owner._nodes[path] = new Node { Data = _data };
            return ValueTask.FromResult(new CommittedUpload(path, path, _data.Length));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class Reader(byte[] data) : IFileReader
    {
        public long Length => data.Length;

        public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(offset);
            if (offset >= data.Length)
            {
                return ValueTask.FromResult(0);
            }

            var count = (int)Math.Min(buffer.Length, data.Length - offset);
            data.AsSpan((int)offset, count).CopyTo(buffer.Span);
            return ValueTask.FromResult(count);
        }

        public void Dispose()
        {
        }
    }
}
