using Receiver.Abstractions;

namespace Receiver.Web.Hosting;

/// <summary>Hands each session event to several sinks (each must be fast and must not throw).</summary>
internal sealed class SessionEventFanOut(IReadOnlyList<ISessionEventSink> sinks) : ISessionEventSink
{
    public void Publish(SessionEvent sessionEvent)
    {
        foreach (var sink in sinks)
        {
            sink.Publish(sessionEvent);
        }
    }
}
