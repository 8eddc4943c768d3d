using Receiver.Abstractions;

namespace Receiver.Ssh.Tests.Sftp;

/// <summary>Wraps a real file system and injects the failures real disks produce rarely: a full disk at commit, a bug.</summary>
internal sealed class FaultyFileSystem(ISessionFileSystem inner) : ISessionFileSystem
{
    /// <summary>When set, every commit fails with this error after the data was written.</summary>
    public FileSystemError? FailCommitWith { get; init; }

    /// <summary>When set, every write fails with this error (a disk that filled up mid-upload).</summary>
    public FileSystemError? FailWritesWith { get; init; }

    /// <summary>
    /// When set, the first flush to disk fails with this error and later ones succeed, as Linux reports a writeback
    /// error (ENOSPC, EIO) to one fsync only; the data it concerned is gone all the same.
    /// </summary>
    public FileSystemError? FailFlushWith { get; init; }

    /// <summary>When set, Stat throws this (an unexpected exception, as from a bug).</summary>
    public Exception? StatThrows { get; init; }

    public string AccountName => inner.AccountName;

    public FileEntry Stat(string path) => StatThrows is null ? inner.Stat(path) : throw StatThrows;

    public IReadOnlyList<FileEntry> ListDirectory(string path) => inner.ListDirectory(path);

    public void CreateDirectory(string path) => inner.CreateDirectory(path);

    public void RemoveDirectory(string path) => inner.RemoveDirectory(path);

    public void DeleteFile(string path) => inner.DeleteFile(path);

    public void Rename(string sourcePath, string targetPath, bool replaceExisting) => inner.Rename(sourcePath, targetPath, replaceExisting);

    public void SetLastWriteTime(string path, DateTimeOffset lastWriteTime) => inner.SetLastWriteTime(path, lastWriteTime);

    public IUpload BeginUpload(string path, long keepExistingBytes = 0)
    {
        var upload = inner.BeginUpload(path, keepExistingBytes);
        return FailCommitWith is null && FailWritesWith is null && FailFlushWith is null
            ? upload
            : new FailingUpload(upload, FailWritesWith, FailCommitWith, FailFlushWith);
    }

    public IFileReader OpenRead(string path) => inner.OpenRead(path);

    public ValueTask<CommittedUpload> CommitUploadAsync(IUpload upload, CancellationToken cancellationToken = default) => upload switch
    {
        FailingUpload { CommitError: { } error } => throw Failure(error),
        FailingUpload failing => inner.CommitUploadAsync(failing.Inner, cancellationToken),
        _ => inner.CommitUploadAsync(upload, cancellationToken),
    };

    public DiskSpace GetDiskSpace() => inner.GetDiskSpace();

    private sealed class FailingUpload(IUpload inner, FileSystemError? writeError, FileSystemError? commitError, FileSystemError? flushError) : IUpload
    {
        private int _flushes;

        public IUpload Inner => inner;

        public FileSystemError? CommitError => commitError;

        public string Path => inner.Path;

        public long Length => inner.Length;

        public ValueTask WriteAsync(long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
            writeError is { } error ? throw Failure(error) : inner.WriteAsync(offset, data, cancellationToken);

        public ValueTask FlushToDiskAsync(CancellationToken cancellationToken = default) =>
            flushError is { } error && Interlocked.Increment(ref _flushes) == 1 ? throw Failure(error) : inner.FlushToDiskAsync(cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    private static FileSystemException Failure(FileSystemError error) =>
        new(error, error == FileSystemError.NoSpace ? "the receiver's disk is full" : "the disk failed");
}
