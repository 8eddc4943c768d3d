using Receiver.Fuzz.Support;

namespace Receiver.Fuzz.Targets;

/// <summary>Waits for a session that got all its input and then end of stream: it must end, and on its own terms.</summary>
internal static class SessionDeadline
{
    /// <summary>Far above any honest session on this input (they take milliseconds), well below AFL's -t.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public static void Wait(Task session, string what)
    {
        if (!session.IsCompleted && !((IAsyncResult)session).AsyncWaitHandle.WaitOne(Limit))
        {
            throw new FuzzFindingException($"{what} did not end within {Limit.TotalSeconds} s of the end of its input.");
        }

        // A session that throws at all is a finding: it must end by itself, whatever the input.
        session.GetAwaiter().GetResult();
    }
}
