using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Receiver.Abstractions;
using Receiver.Accounts;
using Receiver.Options;

namespace Receiver.Storage;

/// <summary>
/// Each camera's use against its quota: committed bytes (measured once, then kept up to date) plus the logical length of
/// every upload it is staging now, so several uploads at once count together. A camera at its quota makes room at once
/// from its own oldest days; only when today's data alone is over the quota is the write refused.
/// </summary>
public sealed partial class QuotaLedger
{
    private const long Mebibyte = 1024 * 1024;

    private readonly ConcurrentDictionary<string, CameraUsage> _cameras = new(StringComparer.Ordinal);
    private readonly DataPaths _paths;
    private readonly StorageOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public QuotaLedger(DataPaths paths, IOptions<StorageOptions> options, TimeProvider time, ILogger<QuotaLedger> logger)
        : this(paths, options.Value, time, logger)
    {
    }

    internal QuotaLedger(DataPaths paths, StorageOptions options, TimeProvider time, ILogger? logger = null)
    {
        _paths = paths;
        _options = options;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Raised per unit a camera's quota deleted, with the reason "quota" and its logical bytes (metrics).</summary>
    public event Action<string, long>? DayDeleted;

    /// <summary>The largest single upload, in bytes.</summary>
    public long MaxUploadBytes => _options.MaxUploadMegabytes * Mebibyte;

    /// <summary>The camera's quota in bytes, or 0 for none: its own --quota-mb, else Storage:CameraQuotaMegabytes.</summary>
    public long QuotaBytes(CameraAccount? account) => (account?.QuotaMegabytes ?? _options.CameraQuotaMegabytes) * Mebibyte;

    /// <summary>Bytes the camera uses now: everything under its folder plus its uploads in progress.</summary>
    public long UsedBytes(string camera)
    {
        var usage = For(camera);
        lock (usage)
        {
            return Committed(camera, usage) + usage.Staged;
        }
    }

    /// <summary>Something outside the ledger changed the camera's folder (retention, a manual clean-up): measure again.</summary>
    public void Invalidate(string camera)
    {
        var usage = For(camera);
        lock (usage)
        {
            usage.Committed = null;
        }
    }

    /// <summary>Starts counting one upload of <paramref name="account"/>.</summary>
    internal QuotaReservation Reserve(CameraAccount account) => new(this, account.Name, QuotaBytes(account));

    /// <summary>Committed content changed by <paramref name="bytes"/> (negative: a file deleted or replaced).</summary>
    internal void AddCommitted(string camera, long bytes)
    {
        var usage = For(camera);
        lock (usage)
        {
            if (usage.Committed is { } committed)
            {
                usage.Committed = Math.Max(0, committed + bytes);
            }
        }
    }

    /// <summary>Serializes commits of one camera, so that checking a name and replacing it is one step.</summary>
    internal object CommitGate(string camera) => For(camera).CommitGate;

    /// <summary>Grows a reservation by <paramref name="delta"/> bytes, making room first; throws when today alone is over.</summary>
    internal void Grow(string camera, long quota, long delta)
    {
        var usage = For(camera);
        lock (usage)
        {
            if (quota > 0)
            {
                while (Committed(camera, usage) + usage.Staged + delta > quota)
                {
                    if (!MakeRoom(camera, usage))
                    {
                        LogQuotaExceeded(_logger, camera, quota / Mebibyte);
                        throw new FileSystemException(FileSystemError.QuotaExceeded, $"quota exceeded: today's uploads alone use the camera's {quota / Mebibyte} MiB.");
                    }
                }
            }

            usage.Staged += delta;
        }
    }

    /// <summary>Ends a reservation: its staged bytes go, and <paramref name="committed"/> bytes are now stored.</summary>
    internal void Settle(string camera, long staged, long committed)
    {
        var usage = For(camera);
        lock (usage)
        {
            usage.Staged = Math.Max(0, usage.Staged - staged);
            if (usage.Committed is { } current)
            {
                usage.Committed = Math.Max(0, current + committed);
            }
        }
    }

    // Deletes the camera's oldest unit before today; false when there is none left.
    private bool MakeRoom(string camera, CameraUsage usage)
    {
        var now = _time.GetLocalNow();
        var today = DateOnly.FromDateTime(now.DateTime);
        var folder = _paths.CameraFolder(camera);
        var oldest = CameraHistory.Find(folder, camera, _options.ParsedLayout, today, _time.LocalTimeZone).FirstOrDefault(unit => unit.Day < today);
        if (oldest is null)
        {
            return false;
        }

        var files = oldest.Delete(folder);
        LogMadeRoom(_logger, camera, oldest.Label, files, oldest.Bytes);
        DayDeleted?.Invoke("quota", oldest.Bytes);
        usage.Committed = CameraHistory.MeasureBytes(folder);
        return true;
    }

    private long Committed(string camera, CameraUsage usage) =>
        usage.Committed ??= CameraHistory.MeasureBytes(_paths.CameraFolder(camera));

    private CameraUsage For(string camera) => _cameras.GetOrAdd(camera, _ => new CameraUsage());

    [LoggerMessage(Level = LogLevel.Information, Message = "Quota of {Camera} reached: deleted its oldest {Unit} ({Files} files, {Bytes} bytes) to make room")]
    private static partial void LogMadeRoom(ILogger logger, string camera, string unit, int files, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload of {Camera} refused: today's uploads alone exceed its quota of {QuotaMegabytes} MiB")]
    private static partial void LogQuotaExceeded(ILogger logger, string camera, long quotaMegabytes);

    private sealed class CameraUsage
    {
        public long? Committed { get; set; }

        public long Staged { get; set; }

        public object CommitGate { get; } = new();
    }
}

/// <summary>What one staged upload has counted against its camera; grows with the highest byte written.</summary>
internal sealed class QuotaReservation(QuotaLedger ledger, string camera, long quota)
{
    private readonly object _gate = new();
    private long _reserved;
    private bool _settled;

    /// <summary>Counts the upload as <paramref name="length"/> bytes long (logical: a far offset counts in full).</summary>
    public void EnsureLength(long length)
    {
        if (length <= Volatile.Read(ref _reserved) && !Volatile.Read(ref _settled))
        {
            return;
        }

        lock (_gate)
        {
            if (length > ledger.MaxUploadBytes)
            {
                throw new FileSystemException(FileSystemError.QuotaExceeded, $"quota exceeded: one upload may be at most {ledger.MaxUploadBytes / (1024 * 1024)} MiB.");
            }

            if (_settled)
            {
                throw new FileSystemException(FileSystemError.QuotaExceeded, "quota exceeded: this upload was already refused.");
            }

            if (length > _reserved)
            {
                try
                {
                    ledger.Grow(camera, quota, length - _reserved);
                }
                catch (FileSystemException)
                {
                    // A refused upload is over in both protocols: give its bytes back now, not when the client lets go,
                    // so a concurrent upload of the same camera is not refused for them too.
                    SettleLocked(0);
                    throw;
                }

                Volatile.Write(ref _reserved, length);
            }
        }
    }

    /// <summary>The upload is stored: its bytes stay counted, less <paramref name="freedBytes"/> of content it replaced outright.</summary>
    public void Commit(long length, long freedBytes) => Settle(length - freedBytes);

    /// <summary>The upload was aborted: nothing of it stays counted.</summary>
    public void Release() => Settle(0);

    private void Settle(long committed)
    {
        lock (_gate)
        {
            SettleLocked(committed);
        }
    }

    private void SettleLocked(long committed)
    {
        if (!_settled)
        {
            _settled = true;
            ledger.Settle(camera, _reserved, committed);
        }
    }
}
