using Receiver.Events;

namespace Receiver.Web.Metrics;

/// <summary>Counts each committed upload (an upload subscriber beside the web page's live feed).</summary>
public sealed class MetricsUploads(ReceiverMetrics metrics, TimeProvider time) : IUploadSubscriber
{
    public void OnUploadCompleted(UploadCompleted upload) => metrics.UploadCompleted(upload, time.GetUtcNow());
}
