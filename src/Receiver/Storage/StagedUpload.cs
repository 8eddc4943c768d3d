using System.Diagnostics;
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
    private SafeFileHandle? _handle;
    private long _length;
    private bool _committed;

    public StagedUpload(CameraFileSystem owner, string virtualPath, string tempPath, SafeFileHandle handle, long keptBytes)
    {
        _owner = owner;
        Path = virtualPath;
        _tempPath = tempPath;
        _handle = handle;
        _length = keptBytes;
    }

    public string Path { get; }

    public long Length => Interlocked.Read(ref _length);

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_startTimestamp);

    public ValueTask WriteAsync(long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var handle = _handle ?? throw new ObjectDisposedException(nameof(StagedUpload));
        if (offset < 0)
        {
            throw new FileSystemException(FileSystemError.Failure, "Negative write offset.");
        }

        try
        {
            // Page-cache writes are short: a synchronous pwrite beats a thread-pool hop per packet.
            RandomAccess.Write(handle, data.Span, offset);
        }
        catch (IOException ex)
        {
            throw IoErrors.Translate(ex, "Write");
        }

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

    public async ValueTask<CommittedUpload> CommitAsync(CancellationToken cancellationToken = default)
    {
        await FlushToDiskAsync(cancellationToken);
        _handle!.Dispose();
        _handle = null;
        var committed = _owner.Commit(this, _tempPath);
        _committed = true;
        return committed;
    }

    public ValueTask DisposeAsync()
    {
        _handle?.Dispose();
        _handle = null;
        if (!_committed)
        {
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
}
