namespace Receiver.Ssh.Connection;

/// <summary>The state of one "session" channel (RFC 4254 §6) and its flow control in both directions.</summary>
internal sealed class SessionChannel
{
    private readonly object _lock = new();
    private long _remoteWindow;
    private TaskCompletionSource? _windowWaiter;

    public SessionChannel(uint localId, uint remoteId, uint remoteWindow, uint remoteMaxPacket, int localWindow, TimeProvider timeProvider)
    {
        // On the connection's clock, so the grace period after the client's CLOSE runs on a fake clock in tests.
        Cancellation = new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
        LocalId = localId;
        RemoteId = remoteId;
        _remoteWindow = remoteWindow;
        RemoteMaxPacket = remoteMaxPacket;
        Inbox = new ChannelInbox(localWindow);
    }

    public uint LocalId { get; }

    public uint RemoteId { get; }

    public uint RemoteMaxPacket { get; }

    public ChannelInbox Inbox { get; }

    /// <summary>Bytes the client may still send before we grant more (our receive window).</summary>
    public long LocalWindowLeft;

    /// <summary>Bytes the handler consumed since the last WINDOW_ADJUST.</summary>
    public long ConsumedSinceAdjust;

    public bool SubsystemStarted { get; set; }

    public bool EofReceived { get; set; }

    public bool CloseSent { get; set; }

    public bool CloseReceived { get; set; }

    public CancellationTokenSource Cancellation { get; }

    public Task? Handler { get; set; }

    public void AddRemoteWindow(uint bytes)
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            _remoteWindow = Math.Min(_remoteWindow + bytes, uint.MaxValue);
            waiter = _windowWaiter;
            _windowWaiter = null;
        }

        waiter?.TrySetResult();
    }

    /// <summary>Takes up to <paramref name="wanted"/> bytes of the client's window, waiting while it is zero.</summary>
    public async ValueTask<int> TakeRemoteWindowAsync(int wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_remoteWindow > 0)
                {
                    var n = (int)Math.Min(wanted, _remoteWindow);
                    _remoteWindow -= n;
                    return n;
                }

                _windowWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _windowWaiter.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
