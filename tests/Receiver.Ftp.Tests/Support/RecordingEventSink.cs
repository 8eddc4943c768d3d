using System.Collections.Concurrent;

namespace Receiver.Ftp.Tests.Support;

internal sealed class RecordingEventSink : ISessionEventSink
{
    private readonly ConcurrentQueue<SessionEvent> events = new();

    public IReadOnlyList<SessionEvent> Events => events.ToArray();

    public void Publish(SessionEvent sessionEvent) => events.Enqueue(sessionEvent);
}
