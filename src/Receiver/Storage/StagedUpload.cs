using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using Receiver.Abstractions;

namespace Receiver.Storage;

/// <summary>
/// An upload written to a hidden temporary file in the incoming folder. Commit flushes it to disk and renames it
/// into place, so the final name only ever shows complete files; dispose without commit deletes it.
/// </summary>
internal sealed class StagedUpload : IUpload
{
    private readonly CameraFileSystem _owner;
    private readonly string _tempPath;
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private readonly object _hashGate = new();
    private SafeFileHandle? _handle;
    private IncrementalHash? _hash;
    private long _hashedLength;
    private long _length;
    private long _lowestWrite = long.MaxValue;
    private bool _committed;

    public StagedUpload(CameraFileSystem owner, string virtualPath, string tempPath, SafeFileHandle handle, long keptBytes, QuotaReservation quota, FileStamp keptFrom)
    {
        _owner = owner;
        Path = virtualPath;
        _tempPath = tempPath;
        _handle = handle;
        _length = keptBytes;
        KeptBytes = keptBytes;
        Quota = quota;
        KeptFrom = keptFrom;

        // Hashing as the bytes arrive costs nothing extra; a resumed upload's kept head is hashed later instead.
        _hash = owner.HashUploads && keptBytes == 0 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
    }

    /// <summary>Counts this upload against the camera's quota, from its first byte to its commit or abort.</summary>
    public QuotaReservation Quota { get; }

    /// <summary>Bytes taken from the existing file at the start (resume, append).</summary>
    public long KeptBytes { get; }

    /// <summary>The file the kept bytes came from, as it was then (Missing when none were kept).</summary>
    public FileStamp KeptFrom { get; }

    /// <summary>The lowest offset written: at or past <see cref="KeptBytes"/>, the kept head is unchanged (a pure append).</summary>
    public long LowestWrite => Interlocked.Read(ref _lowestWrite);

    public string Path { get; }

    public long Length => Interlocked.Read(ref _length);

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_startTimestamp);

    /// <summary>Lower-case hex SHA-256 after commit when every byte arrived in order; else null (computed after the reply).</summary>
    public string? Sha256 { get; private set; }

    public ValueTask WriteAsync(long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var handle = _handle ?? throw new ObjectDisposedException(nameof(StagedUpload));
        if (offset < 0)
        {
            throw new FileSystemException(FileSystemError.Failure, "Negative write offset.");
        }

        // Counted before it is written: a write at a far offset counts to that offset, sparse or not.
        Quota.EnsureLength(offset + data.Length);
        try
        {
            // Page-cache writes are short: a synchronous pwrite beats a thread-pool hop per packet.
            RandomAccess.Write(handle, data.Span, offset);
        }
        catch (IOException ex)
        {
            throw IoErrors.Translate(ex, "Write");
        }

        long lowest;
        while (offset < (lowest = Interlocked.Read(ref _lowestWrite)) && Interlocked.CompareExchange(ref _lowestWrite, offset, lowest) != lowest)
        {
        }

        Hash(offset, data.Span);
        var end = offset + data.Length;
        long current;
        while (end > (current = Interlocked.Read(ref _length)) && Interlocked.CompareExchange(ref _length, end, current) != current)
        {
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask FlushToDiskAsync(CancellationToken cancellationToken = default)
    {
        var handle = _handle ?? throw new ObjectDisposedException(nameof(StagedUpload));
        try
        {
            RandomAccess.FlushToDisk(handle);
        }
        catch (IOException ex)
        {
            throw IoErrors.Translate(ex, "Flush");
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Data fsync, then (in the owner) rename, folder fsync and the event appended to the outbox, before the reply.</summary>
    public async ValueTask<CommittedUpload> CommitAsync(CancellationToken cancellationToken = default)
    {
        await FlushToDiskAsync(cancellationToken);
        _handle!.Dispose();
        _handle = null;
        lock (_hashGate)
        {
            Sha256 = _hash is not null && _hashedLength == Length ? Convert.ToHexStringLower(_hash.GetHashAndReset()) : null;
            _hash?.Dispose();
            _hash = null;
        }

        var committed = _owner.Commit(this, _tempPath);
        _committed = true;
        return committed;
    }

    public ValueTask DisposeAsync()
    {
        lock (_hashGate)
        {
            _hash?.Dispose();
            _hash = null;
        }

        _handle?.Dispose();
        _handle = null;
        if (!_committed)
        {
            Quota.Release();
            try
            {
                File.Delete(_tempPath);
            }
            catch (IOException)
            {
                // Left for the start-up sweep of the incoming folder.
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Feeds the hash while writes come in order; the first write out of order gives it up.</summary>
    private void Hash(long offset, ReadOnlySpan<byte> data)
    {
        lock (_hashGate)
        {
            if (_hash is null)
            {
                return;
            }

            if (offset != _hashedLength)
            {
                _hash.Dispose();
                _hash = null;
                return;
            }

            _hash.AppendData(data);
            _hashedLength += data.Length;
        }
    }
}
