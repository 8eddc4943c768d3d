using System.Runtime.CompilerServices;
using Receiver.Ssh.Transport;

namespace Receiver.Ssh.Kex;

/// <summary>Fills a packet's payload in place and returns its length.</summary>
internal delegate int PayloadFiller<TState>(Span<byte> payload, TState state);

/// <summary>
/// The one send path of a connection: writes are serialized by one lock. While a key exchange holds it (RFC 4253
/// §7.1: our KEXINIT out, our NEWKEYS not yet) only transport messages go out: replies the read loop makes to
/// messages still in flight are held, bounded in bytes, and other tasks wait for the exchange to end. Whether the
/// path is open is the key exchange's state (<c>isOpen</c>), never a flag of its own.
/// </summary>
internal sealed class OutgoingPackets(PacketStream packets, int heldReplyLimit, Func<bool> isOpen)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly HeldReplies _held = new(heldReplyLimit);
    private TaskCompletionSource _reopened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A transport message (KEXINIT, DISCONNECT, UNIMPLEMENTED): allowed in every state, never held.</summary>
    public async ValueTask WriteTransportAsync(ReadOnlyMemory<byte> payload, CancellationToken token)
    {
        await _lock.WaitAsync(token).ConfigureAwait(false);
        try
        {
            await WriteLockedAsync(payload, token).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>A reply from the read loop: sent, or held while an exchange holds the path; a client that makes us hold too much is refused.</summary>
    public async ValueTask ReplyAsync(ReadOnlyMemory<byte> payload, CancellationToken token)
    {
        await _lock.WaitAsync(token).ConfigureAwait(false);
        try
        {
            if (isOpen())
            {
                await WriteLockedAsync(payload, token).ConfigureAwait(false);
            }
            else if (!_held.TryHold(payload.Span))
            {
                throw new SshProtocolException("Too many replies held during a key exchange.");
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>A message from a task other than the read loop: waits while an exchange holds the path.</summary>
    public ValueTask SendAsync(ReadOnlyMemory<byte> payload, CancellationToken token) =>
        SendAsync(payload.Length, payload, static (span, p) =>
        {
            p.Span.CopyTo(span);
            return p.Length;
        }, token);

    /// <summary>As <see cref="SendAsync(ReadOnlyMemory{byte}, CancellationToken)"/>, with the payload written in place (no copy of channel data).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask SendAsync<TState>(int maxLength, TState state, PayloadFiller<TState> fill, CancellationToken token)
    {
        while (true)
        {
            await _lock.WaitAsync(token).ConfigureAwait(false);
            Task reopened;
            try
            {
                if (isOpen())
                {
                    var length = fill(packets.PayloadBuffer(maxLength), state);
                    await packets.WritePacketAsync(length, token).ConfigureAwait(false);
                    return;
                }

                reopened = _reopened.Task;
            }
            finally
            {
                _lock.Release();
            }

            await reopened.WaitAsync(token).ConfigureAwait(false);
        }
    }

    /// <summary>Runs <paramref name="action"/> under the send lock (the key exchange's state changes).</summary>
    public async ValueTask UnderLockAsync(Func<ValueTask> action, CancellationToken token)
    {
        await _lock.WaitAsync(token).ConfigureAwait(false);
        try
        {
            await action().ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Under the lock: an exchange begins to hold the path.</summary>
    public void HoldLocked()
    {
        if (_reopened.Task.IsCompleted)
        {
            _reopened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Under the lock, right after our NEWKEYS: the held replies go out in order, then waiting senders go on.</summary>
    public async ValueTask ReopenLockedAsync(CancellationToken token)
    {
        while (_held.TryTake(out var reply))
        {
            await WriteLockedAsync(reply, token).ConfigureAwait(false);
        }

        _reopened.TrySetResult();
    }

    public ValueTask WriteLockedAsync(ReadOnlyMemory<byte> payload, CancellationToken token)
    {
        payload.Span.CopyTo(packets.PayloadBuffer(payload.Length));
        return packets.WritePacketAsync(payload.Length, token);
    }
}
