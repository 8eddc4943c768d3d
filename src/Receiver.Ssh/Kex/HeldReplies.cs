namespace Receiver.Ssh.Kex;

/// <summary>
/// Replies of the connection layer produced while a key exchange holds the send path (our KEXINIT out, our NEWKEYS
/// not yet), sent in order right after our NEWKEYS. Bounded in bytes: a client that makes the server hold more is
/// refused rather than allowed to grow the server's memory.
/// </summary>
internal sealed class HeldReplies(int limitBytes)
{
    private readonly Queue<byte[]> _replies = new();
    private int _bytes;

    public int Count => _replies.Count;

    /// <summary>Holds a copy of <paramref name="payload"/>; false when it would pass the limit.</summary>
    public bool TryHold(ReadOnlySpan<byte> payload)
    {
        if (_bytes + payload.Length > limitBytes)
        {
            return false;
        }

        _replies.Enqueue(payload.ToArray());
        _bytes += payload.Length;
        return true;
    }

    public bool TryTake(out byte[] payload)
    {
        if (!_replies.TryDequeue(out payload!))
        {
            return false;
        }

        _bytes -= payload.Length;
        return true;
    }
}
