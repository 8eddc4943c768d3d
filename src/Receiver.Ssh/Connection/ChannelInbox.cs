using System.Buffers;
using System.Threading.Tasks.Sources;

namespace Receiver.Ssh.Connection;

/// <summary>
/// Data received on a channel and not yet read by its handler: a ring that grows up to the window we grant, so a
/// client that respects the window can never overflow it. One writer (the read loop), one reader (the handler).
/// The ring starts small and shrinks back once drained: an idle camera holds a few kilobytes, not the window.
/// </summary>
internal sealed class ChannelInbox : IValueTaskSource<bool>, IDisposable
{
    private readonly object _lock = new();
    private byte[] _ring;
    private int _head;
    private int _count;
    private bool _completed;
    private bool _waiting;
    private ManualResetValueTaskSourceCore<bool> _signal = new() { RunContinuationsAsynchronously = true };

    private const int InitialSize = 16 * 1024;

    public ChannelInbox(int capacity)
    {
        Capacity = capacity;
        _ring = ArrayPool<byte>.Shared.Rent(Math.Min(capacity, InitialSize));
    }

    public int Capacity { get; }

    /// <summary>Appends data; false if it does not fit (the client ignored the window).</summary>
    public bool TryWrite(ReadOnlySpan<byte> data)
    {
        bool wake;
        lock (_lock)
        {
            if (_completed)
            {
                return true;
            }

            if (_count + data.Length > Capacity)
            {
                return false;
            }

            if (_count + data.Length > _ring.Length)
            {
                ResizeLocked(Math.Min(Capacity, Math.Max(_ring.Length * 2, _count + data.Length)));
            }

            var tail = (_head + _count) % _ring.Length;
            var first = Math.Min(data.Length, _ring.Length - tail);
            data[..first].CopyTo(_ring.AsSpan(tail));
            data[first..].CopyTo(_ring);
            _count += data.Length;
            wake = TakeWaiterLocked();
        }

        // The handler goes on on this thread (the read loop's), outside the lock, until it waits again: a request
        // is answered without waking another thread, as OpenSSH's sftp-server does in its one process. While it
        // runs, the next packets wait in the socket; a handler that waits (disk, window) returns here at once.
        if (wake)
        {
            Wake(inline: true);
        }

        return true;
    }

    /// <summary>No more data will come (EOF, CLOSE or connection end).</summary>
    public void Complete()
    {
        bool wake;
        lock (_lock)
        {
            _completed = true;
            wake = TakeWaiterLocked();
        }

        // Called from cancellation callbacks and the read loop's teardown: the handler goes on elsewhere.
        if (wake)
        {
            Wake(inline: false);
        }
    }

    /// <summary>Reads what is there (waiting for at least one byte); 0 once completed and drained.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        while (true)
        {
            ValueTask<bool> wait;
            lock (_lock)
            {
                // A zero-byte read waits until data is there (as a socket's does), so a pipe reader over this
                // stream need not hold a buffer while the camera is quiet.
                if (_count > 0 && destination.Length == 0)
                {
                    return 0;
                }

                if (_count > 0)
                {
                    var n = Math.Min(destination.Length, _count);
                    var first = Math.Min(n, _ring.Length - _head);
                    _ring.AsSpan(_head, first).CopyTo(destination.Span);
                    _ring.AsSpan(0, n - first).CopyTo(destination.Span[first..]);
                    _head = (_head + n) % _ring.Length;
                    _count -= n;
                    if (_count == 0 && _ring.Length > InitialSize)
                    {
                        ResizeLocked(InitialSize);
                    }

                    return n;
                }

                if (_completed)
                {
                    return 0;
                }

                _signal.Reset();
                _waiting = true;
                wait = new ValueTask<bool>(this, _signal.Version);
            }

            await using (cancellationToken.UnsafeRegister(static s => ((ChannelInbox)s!).Complete(), this))
            {
                await wait.ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Moves the unread bytes, in order, to a pooled ring of <paramref name="size"/> bytes.</summary>
    private void ResizeLocked(int size)
    {
        var ring = ArrayPool<byte>.Shared.Rent(size);
        var first = Math.Min(_count, _ring.Length - _head);
        _ring.AsSpan(_head, first).CopyTo(ring);
        _ring.AsSpan(0, _count - first).CopyTo(ring.AsSpan(first));
        ArrayPool<byte>.Shared.Return(_ring);
        _ring = ring;
        _head = 0;
    }

    /// <summary>Under the lock: whether a reader waits; the caller that takes it (only one can) must <see cref="Wake"/> it.</summary>
    private bool TakeWaiterLocked()
    {
        var waiting = _waiting;
        _waiting = false;
        return waiting;
    }

    /// <summary>Outside the lock: completes the reader's wait, its continuation on this thread or on the pool.</summary>
    private void Wake(bool inline)
    {
        _signal.RunContinuationsAsynchronously = !inline;
        _signal.SetResult(true);
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _signal.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _signal.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _signal.OnCompleted(continuation, state, token, flags);

    public void Dispose() => Complete();
}
