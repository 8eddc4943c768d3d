using System.Buffers;
using System.Net.Security;
using System.Net.Sockets;
using Receiver.Ftp.Session;

namespace Receiver.Ftp.Data;

/// <summary>
/// An open data connection, clear or TLS-protected (PROT P). Closing it ends TLS with close_notify before the
/// socket closes (TLS 1.3 clients read a missing close_notify as a truncated transfer).
/// </summary>
internal sealed class DataConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _network;
    private SslStream? _tls;

    public DataConnection(Socket socket)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _network = new NetworkStream(_socket, ownsSocket: false);
        Stream = _network;
    }

    public Stream Stream { get; private set; }

    public async ValueTask AuthenticateAsServerAsync(SslServerAuthenticationOptions options, CancellationToken cancellationToken)
    {
        _tls = new SslStream(_network, leaveInnerStreamOpen: true);
        await _tls.AuthenticateAsServerAsync(options, cancellationToken).ConfigureAwait(false);
        Stream = _tls;
    }

    /// <summary>
    /// Ends a transfer cleanly: close_notify (TLS), FIN, then waits briefly for the client's FIN so that closing
    /// with unread bytes (e.g. the client's own close_notify) does not reset the connection under data in flight.
    /// </summary>
    public async ValueTask CloseAsync(TimeSpan lingerTimeout, TimeProvider time)
    {
        using var timeout = new Deadline(time, lingerTimeout);
        try
        {
            if (_tls is not null)
            {
                await _tls.ShutdownAsync().WaitAsync(timeout.Token).ConfigureAwait(false);
            }

            _socket.Shutdown(SocketShutdown.Send);
            var drain = new byte[512];
            while (await Stream.ReadAsync(drain, timeout.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The client has gone already; the transfer's outcome was decided before closing.
        }
    }

    /// <summary>
    /// Reads and drops what the client still sends until it closes its side or <paramref name="timeout"/> passes;
    /// true if it closed. An upload refused mid-transfer (disk full, quota) uses it so that the client finishes
    /// sending and then reads the refusal, instead of meeting a reset while it sends.
    /// </summary>
    public async ValueTask<bool> DiscardRestAsync(TimeSpan timeout, TimeProvider time)
    {
        using var deadline = new Deadline(time, timeout);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (await Stream.ReadAsync(buffer, deadline.Token).ConfigureAwait(false) > 0)
            {
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Closes at once with a reset, for aborted transfers.</summary>
    public void Abort()
    {
        try
        {
            _socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }

        _socket.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_tls is not null)
        {
            await _tls.DisposeAsync().ConfigureAwait(false);
        }

        await _network.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }
}
