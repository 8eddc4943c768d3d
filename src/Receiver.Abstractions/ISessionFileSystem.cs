namespace Receiver.Abstractions;

/// <summary>
/// The file system one authenticated session sees. "/" is the account's own folder; paths are
/// absolute virtual paths with '/' separators (use <see cref="VirtualPath"/> to build them). The
/// implementation is the only authority on what is allowed: it jails every path, enforces the
/// account's permissions and files completed uploads, and reports failures as
/// <see cref="FileSystemException"/> with a <see cref="FileSystemError"/> the protocols map to replies.
/// </summary>
public interface ISessionFileSystem
{
    /// <summary>The account (camera) this session belongs to.</summary>
    string AccountName { get; }

    FileEntry Stat(string path);

    IReadOnlyList<FileEntry> ListDirectory(string path);

    void CreateDirectory(string path);

    void RemoveDirectory(string path);

    void DeleteFile(string path);

    /// <summary>
    /// Renames a file or folder; <paramref name="replaceExisting"/> replaces a same-named file atomically where the account
    /// may destroy content (otherwise <see cref="FileSystemError.PermissionDenied"/>).
    /// </summary>
    void Rename(string sourcePath, string targetPath, bool replaceExisting);

    /// <summary>Sets the modification time (SFTP setstat, FTP MFMT); refused with <see cref="FileSystemError.PermissionDenied"/> where the account may not change it.</summary>
    void SetLastWriteTime(string path, DateTimeOffset lastWriteTime);

    /// <summary>
    /// Starts an upload to <paramref name="path"/>. Data goes to a hidden temporary file; nothing appears under a
    /// final name until <see cref="CommitUploadAsync"/>. With <paramref name="keepExistingBytes"/> &gt; 0 the first
    /// that many bytes of the existing file are kept (FTP REST+STOR, APPE; SFTP open without TRUNC).
    /// </summary>
    IUpload BeginUpload(string path, long keepExistingBytes = 0);

    /// <summary>
    /// Closes an upload this file system began and files it: data fsync, atomic rename under its final name, folder
    /// fsync, and the upload event published, all before it returns (so before the client's reply). The protocol
    /// layer calls it once when the client closes the file; the upload is disposed afterwards either way.
    /// </summary>
    ValueTask<CommittedUpload> CommitUploadAsync(IUpload upload, CancellationToken cancellationToken = default);

    /// <summary>Opens a file for reading (refused unless the account may download).</summary>
    IFileReader OpenRead(string path);

    DiskSpace GetDiskSpace();
}

/// <summary>An upload in progress. Disposing it without <see cref="ISessionFileSystem.CommitUploadAsync"/> aborts it and removes the temporary.</summary>
public interface IUpload : IAsyncDisposable
{
    /// <summary>The virtual path the client wrote to.</summary>
    string Path { get; }

    /// <summary>Bytes in the file so far (the highest offset written, or the kept bytes).</summary>
    long Length { get; }

    /// <summary>Writes at an offset; pipelined SFTP writes may arrive in any order.</summary>
    ValueTask WriteAsync(long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Forces written data to disk (fsync@openssh.com).</summary>
    ValueTask FlushToDiskAsync(CancellationToken cancellationToken = default);
}

/// <summary>A file opened for reading at arbitrary offsets.</summary>
public interface IFileReader : IDisposable
{
    long Length { get; }

    /// <summary>Reads up to buffer.Length bytes at an offset; returns 0 at end of file.</summary>
    ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken = default);
}

/// <summary>Where a committed upload ended up.</summary>
/// <param name="VirtualPath">The path the client wrote to.</param>
/// <param name="FinalVirtualPath">Where it is now, as the session sees it (the path it wrote to, in today's folder).</param>
/// <param name="Size">Bytes committed.</param>
public sealed record CommittedUpload(string VirtualPath, string FinalVirtualPath, long Size);

/// <summary>One directory entry or stat result.</summary>
public sealed record FileEntry(string Name, bool IsDirectory, long Size, DateTimeOffset LastWriteTime, UnixFileMode Mode);

/// <summary>Space on the volume that holds the account's folder (statvfs).</summary>
public sealed record DiskSpace(long TotalBytes, long FreeBytes, long AvailableBytes, long BlockSize);
