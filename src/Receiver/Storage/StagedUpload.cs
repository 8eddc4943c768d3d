using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using Receiver.Abstractions;

namespace Receiver.Storage;

/// <summary>
/// An upload written to a hidden temporary file in the incoming folder. It only holds the bytes: the file system
/// that began it seals it (fsync, close) and renames it into place on commit (<see cref="CameraFileSystem.CommitUploadAsync"/>),
/// so the final name only ever shows complete files; dispose without commit deletes it.
/// </summary>
internal sealed class StagedUpload : IUpload
{
    private readonly TimeProvider _time;
    private readonly long _startTimestamp;
    private readonly object _hashGate = new();
    private readonly WriteBehind _writeBehind;
    private SafeFileHandle? _handle;
    private IncrementalHash? _hash;
    private long _hashedLength;
    private long _length;
    private long _lowestWrite = long.MaxValue;

    public StagedUpload(string virtualPath, string tempPath, SafeFileHandle handle, long keptBytes, QuotaReservation quota, FileStamp keptFrom, bool hashUploads, TimeProvider time)
    {
        Path = virtualPath;
        TempPath = tempPath;
        _handle = handle;
        _writeBehind = new WriteBehind(handle);
        _time = time;
        _startTimestamp = time.GetTimestamp();
        _length = keptBytes;
        KeptBytes = keptBytes;
        Quota = quota;
        KeptFrom = keptFrom;

        // Hashing as the bytes arrive costs nothing extra; a resumed upload's kept head is hashed later instead.
        _hash = hashUploads && keptBytes == 0 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
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

    /// <summary>The hidden temporary the bytes are written to.</summary>
    public string TempPath { get; }

    /// <summary>Set by the commit once the file is under its final name: disposing then leaves it there.</summary>
    public bool Committed { get; set; }

    public long Length => Interlocked.Read(ref _length);

    public TimeSpan Elapsed => _time.GetElapsedTime(_startTimestamp);

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

        _writeBehind.Written(Length);

        return ValueTask.CompletedTask;
    }

    public ValueTask FlushToDiskAsync(CancellationToken cancellationToken = default)
    {
        FlushToDisk(_handle ?? throw new ObjectDisposedException(nameof(StagedUpload)));
        return ValueTask.CompletedTask;
    }

    /// <summary>Data fsync and close; the hash is final then. The file system renames <see cref="TempPath"/> next.</summary>
    public void Seal()
    {
        var handle = _handle ?? throw new ObjectDisposedException(nameof(StagedUpload));
        _writeBehind.WaitForFlush();
        FlushToDisk(handle);
        handle.Dispose();
        _handle = null;
        lock (_hashGate)
        {
            Sha256 = _hash is not null && _hashedLength == Length ? Convert.ToHexStringLower(_hash.GetHashAndReset()) : null;
            _hash?.Dispose();
            _hash = null;
        }
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
        if (!Committed)
        {
            Quota.Release();
            try
            {
                File.Delete(TempPath);
            }
            catch (IOException)
            {
                // Left for the start-up sweep of the incoming folder.
            }
        }

        return ValueTask.CompletedTask;
    }

    private static void FlushToDisk(SafeFileHandle handle)
    {
        try
        {
            RandomAccess.FlushToDisk(handle);
        }
        catch (IOException ex)
        {
            throw IoErrors.Translate(ex, "Flush");
        }
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
