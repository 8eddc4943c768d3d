using System.Net.Sockets;
using Receiver.Abstractions.Networking;

namespace Receiver.Ssh.Transport;

/// <summary>
/// A connection's socket served the way sshd serves one: by a thread of the connection's own that blocks in
/// recv(2). An async socket read that has to wait costs two thread wake-ups (the epoll thread, then a pool worker
/// for the continuation) and a context switch each; a libssh2 upload, which waits for the acks of a few writes at a
/// time, paid them for every burst (40,000 switches for 200 MB, against 5,000 this way). The read loop runs on this
/// thread; if an await sends it elsewhere (a contended send lock), its next read is handed back here, so no pool
/// thread ever blocks in recv. Sends block the calling thread, as they would in sshd; a cancelled token shuts the
/// socket down, which is what ends a blocked call.
/// </summary>
internal sealed class ConnectionThread : DuplexStreamBase
{
    private readonly Socket _socket;
    private readonly Queue<Action> _work = new();
    private bool _finished;
    private Thread? _thread;
    private CancellationTokenRegistration _readCancellation;
    private CancellationToken _readToken;

    public ConnectionThread(Socket socket)
    {
        _socket = socket;
        _socket.Blocking = true;
    }

    /// <summary>
    /// Runs <paramref name="body"/> on the connection's thread, and every read it makes there. The returned task
    /// completes where the body does, without waiting for this thread to wake.
    /// </summary>
    public Task RunAsync(Func<Task> body, string name)
    {
        var done = new TaskCompletionSource();
        _thread = new Thread(() =>
        {
            Task task;
            try
            {
                task = body();
            }
            catch (Exception ex)
            {
                task = Task.FromException(ex);
            }

            _ = task.ContinueWith(
                static (task, state) =>
                {
                    var (thread, done) = ((ConnectionThread, TaskCompletionSource))state!;
                    thread.Finish();
                    done.SetFromTask(task);
                },
                (this, done),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            while (NextWork() is { } work)
            {
                work();
            }
        })
        { IsBackground = true, Name = name };
        _thread.Start();
        return done.Task;
    }

    /// <summary>A read handed to this thread, or null once the body is done.</summary>
    private Action? NextWork()
    {
        lock (_work)
        {
            while (_work.Count == 0 && !_finished)
            {
                Monitor.Wait(_work);
            }

            return _work.Count == 0 ? null : _work.Dequeue();
        }
    }

    private bool TryQueue(Action work)
    {
        lock (_work)
        {
            if (_finished)
            {
                return false;
            }

            _work.Enqueue(work);
            Monitor.Pulse(_work);
            return true;
        }
    }

    private void Finish()
    {
        lock (_work)
        {
            _finished = true;
            Monitor.Pulse(_work);
        }
    }

    /// <summary>
    /// A zero-byte read waits until data arrives (as a socket stream's does), so the caller can hold no buffer
    /// while the client is quiet.
    /// </summary>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Thread.CurrentThread == _thread)
        {
            try
            {
                return new ValueTask<int>(Receive(buffer.Span, cancellationToken));
            }
            catch (Exception ex)
            {
                return ValueTask.FromException<int>(ex);
            }
        }

        // Not on the connection's thread: the read is made there, and the caller's continuation runs there too
        // (the completion source runs it inline), so the read loop is back on its own thread.
        var read = new TaskCompletionSource<int>();
        var queued = TryQueue(() =>
        {
            try
            {
                read.SetResult(Receive(buffer.Span, cancellationToken));
            }
            catch (Exception ex)
            {
                read.SetException(ex);
            }
        });
        return queued ? new ValueTask<int>(read.Task) : ValueTask.FromException<int>(new ObjectDisposedException(nameof(ConnectionThread)));
    }

    public override int Read(byte[] buffer, int offset, int count) => Receive(buffer.AsSpan(offset, count), CancellationToken.None);

    private int Receive(Span<byte> buffer, CancellationToken cancellationToken)
    {
        CancelReadsWith(cancellationToken);
        try
        {
            var read = buffer.IsEmpty ? WaitReadable() : _socket.Receive(buffer);
            // A cancelled read is ended by shutting the receive side, which reads as the end of the stream.
            cancellationToken.ThrowIfCancellationRequested();
            return read;
        }
        catch (SocketException ex)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new IOException(ex.Message, ex);
        }
    }

    private int WaitReadable()
    {
        _ = _socket.Poll(-1, SelectMode.SelectRead);
        return 0;
    }

    /// <summary>The read loop reads with one token for the whole connection: it is registered once.</summary>
    private void CancelReadsWith(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (cancellationToken == _readToken || !cancellationToken.CanBeCanceled)
        {
            return;
        }

        _readCancellation.Dispose();
        _readToken = cancellationToken;
        _readCancellation = cancellationToken.UnsafeRegister(static socket => Shutdown((Socket)socket!, SocketShutdown.Receive), _socket);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            Send(buffer.Span, cancellationToken);
            return ValueTask.CompletedTask;
        }
        catch (Exception ex)
        {
            return ValueTask.FromException(ex);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Send(buffer.AsSpan(offset, count), CancellationToken.None);

    private void Send(ReadOnlySpan<byte> buffer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // A send blocks only while the client does not read; cancelling it leaves half a packet on the wire, so
        // the connection is over and the socket is shut both ways.
        using var cancellation = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static socket => Shutdown((Socket)socket!, SocketShutdown.Both), _socket)
            : default;
        try
        {
            while (!buffer.IsEmpty)
            {
                buffer = buffer[_socket.Send(buffer)..];
            }
        }
        catch (SocketException ex)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new IOException(ex.Message, ex);
        }
    }

    private static void Shutdown(Socket socket, SocketShutdown how)
    {
        try
        {
            socket.Shutdown(how);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed: nothing is blocked on it any more.
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _readCancellation.Dispose();
            _socket.Dispose();
            Finish();
        }

        base.Dispose(disposing);
    }
}
