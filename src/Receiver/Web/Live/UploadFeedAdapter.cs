using Receiver.Events;

namespace Receiver.Web.Live;

/// <summary>The one place the page hears of uploads: an upload subscriber of <see cref="UploadEventRecorder"/>.</summary>
public sealed class UploadFeedAdapter(UploadFeed feed) : IUploadSubscriber
{
    public void OnUploadCompleted(UploadCompleted upload) => feed.Publish(upload);
}
