using Receiver.Ssh.Wire;

namespace Receiver.Ssh;

/// <summary>
/// The send path. Writes are serialized by one lock. While a key exchange is in progress only key exchange
/// messages may go out (RFC 4253 §7.1): other tasks wait for it to finish, and the read loop, which must keep
/// reading to finish it, queues its replies instead.
/// </summary>
internal sealed partial class SshConnection
{
    private readonly List<byte[]> _queuedDuringKex = [];
    private TaskCompletionSource _kexCompleted = NewCompletedSource();
    private bool _kexInProgress;

    /// <summary>Sends a message from any task other than the read loop; waits while a key exchange runs.</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> payload, CancellationToken token)
    {
        await AcquireOutsideKexAsync(token);
        try
        {
            await WriteLockedAsync(payload, token);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends a reply from the read loop; queued if a key exchange is in progress.</summary>
    private async ValueTask SendFromReaderAsync(SshWriter payload, CancellationToken token)
    {
        await _sendLock.WaitAsync(token);
        try
        {
            if (_kexInProgress)
            {
                _queuedDuringKex.Add(payload.ToArray());
                return;
            }

            await WriteLockedAsync(payload.WrittenMemory, token);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Takes the send lock at a moment when no key exchange is in progress.</summary>
    private async ValueTask AcquireOutsideKexAsync(CancellationToken token)
    {
        while (true)
        {
            await _sendLock.WaitAsync(token);
            if (!_kexInProgress)
            {
                return;
            }

            var wait = _kexCompleted.Task;
            _sendLock.Release();
            await wait.WaitAsync(token);
        }
    }

    private ValueTask WriteLockedAsync(ReadOnlyMemory<byte> payload, CancellationToken token)
    {
        payload.Span.CopyTo(_packets.PayloadBuffer(payload.Length));
        return _packets.WritePacketAsync(payload.Length, token);
    }

    private static TaskCompletionSource NewCompletedSource()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }
}
