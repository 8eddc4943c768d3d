using System.Collections.Concurrent;

namespace Receiver.Ftp.Tests.Support;

internal sealed class RecordingEventSink : ISessionEventSink
{
    private readonly ConcurrentQueue<SessionEvent> _events = new();

    public IReadOnlyList<SessionEvent> Events => _events.ToArray();

    public void Publish(SessionEvent sessionEvent) => _events.Enqueue(sessionEvent);
}
