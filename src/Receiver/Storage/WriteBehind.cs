using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Receiver.Storage;

/// <summary>
/// Starts the disk write of a staged upload's bytes while the rest still arrives (Linux sync_file_range with
/// SYNC_FILE_RANGE_WRITE: it queues the dirty pages for writeback and does not wait for them), so the fsync before
/// the reply finds little left to write and a large upload is on disk at about the disk's own speed. It makes
/// nothing durable by itself; the commit's fsync still does. A no-op elsewhere, and where the call is missing.
/// </summary>
internal sealed partial class WriteBehind(SafeFileHandle handle)
{
    /// <summary>Bytes gathered before their writeback is started: large enough for few calls, small enough to keep the disk busy.</summary>
    public const long Chunk = 8 * 1024 * 1024;

    private const uint SyncFileRangeWrite = 2;

    private static bool _unavailable = !OperatingSystem.IsLinux();

    private long _startedUpTo;

    /// <summary>Called after a write that left the file <paramref name="length"/> bytes long.</summary>
    public void Written(long length)
    {
        var from = Interlocked.Read(ref _startedUpTo);
        if (_unavailable || length - from < Chunk || Interlocked.CompareExchange(ref _startedUpTo, length, from) != from)
        {
            return;
        }

        try
        {
            // A failure (a file system without writeback, a closed handle) costs only the head start: the fsync follows.
            _ = SyncFileRange(handle, from, length - from, SyncFileRangeWrite);
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
        }
    }

    [LibraryImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static partial int SyncFileRange(SafeFileHandle fd, long offset, long count, uint flags);
}
