using System.Collections.Concurrent;
using System.Threading.Channels;
using Receiver.Events;

namespace Receiver.Web.Live;

/// <summary>
/// The page's one view of committed uploads: each open page (server-sent events) gets its own small queue that drops
/// its oldest entries when the browser reads too slowly, so a stalled browser never slows an upload.
/// </summary>
public sealed class UploadFeed
{
    private readonly ConcurrentDictionary<Channel<UploadCompleted>, byte> _listeners = new();

    public int ListenerCount => _listeners.Count;

    public void Publish(UploadCompleted upload)
    {
        foreach (var listener in _listeners.Keys)
        {
            listener.Writer.TryWrite(upload);
        }
    }

    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<UploadCompleted>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _listeners[channel] = 0;
        return new Subscription(this, channel);
    }

    public sealed class Subscription(UploadFeed feed, Channel<UploadCompleted> channel) : IDisposable
    {
        public ChannelReader<UploadCompleted> Reader => channel.Reader;

        public void Dispose() => feed._listeners.TryRemove(channel, out _);
    }
}
