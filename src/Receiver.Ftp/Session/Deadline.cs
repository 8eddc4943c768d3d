namespace Receiver.Ftp.Session;

/// <summary>
/// A cancellation that fires when the caller's token does or when the timeout has passed on the server's clock, so
/// every FTP timeout runs on the fake clock in tests. <see cref="Expired"/> tells the timeout from the caller's own
/// cancellation.
/// </summary>
internal sealed class Deadline : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;
    private readonly CancellationToken _caller;

    public Deadline(TimeProvider time, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        _caller = cancellationToken;
        _timer = new CancellationTokenSource(timeout, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timer.Token);
    }

    public CancellationToken Token => _linked.Token;

    public bool Expired => _timer.IsCancellationRequested && !_caller.IsCancellationRequested;

    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }
}
