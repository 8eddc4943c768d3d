using Receiver.Storage;

namespace Receiver.Web.Live;

/// <summary>
/// The one place the page hears of uploads: today through <see cref="UploadNotifier"/>'s subscribers. When the
/// upload-event path (issue 14) replaces it, only this adapter is re-pointed at its in-process subscription.
/// </summary>
public sealed class UploadFeedAdapter(UploadFeed feed) : IUploadSubscriber
{
    public void OnUploadCompleted(UploadCompleted upload) => feed.Publish(upload);
}
