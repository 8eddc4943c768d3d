using System.Reflection;
using Prometheus;
using Receiver.Abstractions;
using Receiver.Accounts;
using Receiver.Events;
using Receiver.Storage;

namespace Receiver.Web.Metrics;

/// <summary>
/// The receiver's Prometheus metrics, in a registry of this host's own (tests run several hosts in one process; the
/// exporter's default registry would mix them and add process metrics nobody asked for).
/// </summary>
public sealed class ReceiverMetrics
{
    /// <summary>Upload durations from a small snapshot on a LAN (50 ms) to a long clip on Wi-Fi (5 min).</summary>
    public static readonly double[] DurationBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private readonly Counter _uploads;
    private readonly Counter _uploadBytes;
    private readonly Histogram _uploadDuration;
    private readonly Gauge _lastUpload;
    private readonly Gauge _sessions;
    private readonly Counter _logins;
    private readonly Counter _lockouts;
    private readonly Counter _retentionDeleted;
    private readonly Gauge _storageFree;
    private readonly Counter _eventDeliveries;
    private readonly EventDeliveryListener _eventListener;

    public ReceiverMetrics(DataPaths paths, LoginThrottle throttle, RetentionSweeper retention, QuotaLedger quota)
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _uploads = factory.CreateCounter("receiver_uploads_total", "Uploads that ended, by camera, protocol, kind (snapshot, clip, file) and result (ok, failed).", "camera", "protocol", "kind", "result");
        _uploadBytes = factory.CreateCounter("receiver_upload_bytes_total", "Bytes of committed uploads.", "camera", "protocol");
        _uploadDuration = factory.CreateHistogram("receiver_upload_duration_seconds", "From the start of an upload to its commit.", new HistogramConfiguration { Buckets = DurationBuckets });
        _lastUpload = factory.CreateGauge("receiver_camera_last_upload_timestamp_seconds", "Unix time of the camera's last committed upload.", "camera");
        _sessions = factory.CreateGauge("receiver_sessions", "Open protocol sessions.", "protocol");
        _logins = factory.CreateCounter("receiver_login_attempts_total", "Login attempts by protocol (sftp, ftp, ftps, web), method and result (ok, failed).", "protocol", "method", "result");
        _lockouts = factory.CreateCounter("receiver_lockouts_total", "Lockouts after repeated failed logins (an address, or an address for one account).");
        _retentionDeleted = factory.CreateCounter("receiver_retention_deleted_bytes_total", "Bytes of day folders deleted by retention, by reason (age, disk, quota).", "reason");
        _storageFree = factory.CreateGauge("receiver_storage_free_bytes", "Free bytes on the volume of Storage:Root.");
        _eventDeliveries = factory.CreateCounter("receiver_event_deliveries_total", "Upload event deliveries by sink and result.", "sink", "result");
        var buildInfo = factory.CreateGauge("receiver_build_info", "The running build; always 1.", "version");
        buildInfo.WithLabels(Version).Set(1);
        foreach (var reason in new[] { "age", "disk", "quota" })
        {
            _retentionDeleted.WithLabels(reason);
        }

        throttle.LockedOut += () => _lockouts.Inc();
        retention.DayDeleted += (reason, bytes) => _retentionDeleted.WithLabels(reason).Inc(bytes);
        quota.DayDeleted += (reason, bytes) => _retentionDeleted.WithLabels(reason).Inc(bytes);
        _eventListener = new EventDeliveryListener((sink, result, count) => _eventDeliveries.WithLabels(sink, result).Inc(count));
        Registry.AddBeforeCollectCallback(() => _storageFree.Set(FreeBytes(paths.Root)));
    }

    public CollectorRegistry Registry { get; }

    public static string Version =>
        typeof(ReceiverMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    public void UploadCompleted(UploadCompleted upload, DateTimeOffset now)
    {
        _uploads.WithLabels(upload.Camera, upload.Protocol.Name(), UploadKind.Of(upload.FinalPath), "ok").Inc();
        _uploadBytes.WithLabels(upload.Camera, upload.Protocol.Name()).Inc(upload.Size);
        _uploadDuration.Observe(upload.Duration.TotalSeconds);
        _lastUpload.WithLabels(upload.Camera).Set(now.ToUnixTimeMilliseconds() / 1000.0);
    }

    public void UploadFailed(string camera, CameraProtocols protocol, string path) =>
        _uploads.WithLabels(camera, protocol.Name(), UploadKind.Of(path), "failed").Inc();

    public void SessionOpened(CameraProtocols protocol) => _sessions.WithLabels(protocol.Name()).Inc();

    public void SessionClosed(CameraProtocols protocol) => _sessions.WithLabels(protocol.Name()).Dec();

    /// <param name="protocol">"sftp", "ftp", "ftps", or "web" for the page's own sign-in.</param>
    public void LoginAttempt(string protocol, string method, bool succeeded) =>
        _logins.WithLabels(protocol, method, succeeded ? "ok" : "failed").Inc();

    /// <summary>For the events outbox (issue 14) to count its deliveries.</summary>
    private static double FreeBytes(string root)
    {
        try
        {
            return DiskUsage.Of(root).AvailableBytes;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return double.NaN;
        }
    }
}
